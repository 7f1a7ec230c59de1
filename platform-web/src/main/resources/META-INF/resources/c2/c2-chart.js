// <c2-chart>: an ECharts chart whose whole option is the JSON string property `option`.
// Loaded by the dashboard as an external script (not bundled), after ECharts' own script
// (/webjars/echarts/.../echarts.min.js), which defines window.echarts.
(function () {
  if (customElements.get('c2-chart')) {
    return;
  }
  class C2Chart extends HTMLElement {
    constructor() {
      super();
      this._option = null;
      this._chart = null;
      // Follow the element's own size (layouts settle after the chart is created).
      this._observer = new ResizeObserver(() => this._chart && this._chart.resize());
    }
    set option(json) {
      this._option = json;
      this._render();
    }
    get option() {
      return this._option;
    }
    connectedCallback() {
      if (!this.style.display) {
        this.style.display = 'block';
      }
      this._observer.observe(this);
      this._render();
    }
    disconnectedCallback() {
      this._observer.disconnect();
      if (this._chart) {
        this._chart.dispose();
        this._chart = null;
      }
    }
    _render() {
      if (!this.isConnected || !this._option) {
        return;
      }
      if (!window.echarts) { // ECharts' script still loading
        setTimeout(() => this._render(), 50);
        return;
      }
      if (!this._chart) {
        this._chart = window.echarts.init(this, null, { renderer: 'canvas' });
      }
      this._chart.setOption(JSON.parse(this._option), true);
      this.setAttribute('rendered', '');
    }
  }
  customElements.define('c2-chart', C2Chart);
})();
