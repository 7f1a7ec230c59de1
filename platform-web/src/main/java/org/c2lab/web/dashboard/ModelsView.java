package org.c2lab.web.dashboard;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.Command;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.c2lab.web.account.Principal;
import org.c2lab.web.problem.Problem;
import org.c2lab.web.registry.ModelRegistry;
import org.c2lab.web.registry.ModelTestResult;
import org.c2lab.web.registry.ModelView;
import org.c2lab.web.registry.PresetView;

/**
 * Models: every model of the {@link ModelRegistry} (local folders, discovered ones included, and
 * presets behind endpoints) with its details and file hashes; a one-generation test for roles that
 * may launch runs; a form registering a local folder or a remote endpoint (researchers and admins);
 * the ten presets with the endpoints registered for each.
 */
@Prototype
@Route(value = "models", layout = MainLayout.class)
@PageTitle("Models · C2 Lab")
public class ModelsView extends VerticalLayout {
  private static final String LOCAL = "Local folder";
  private static final String REMOTE = "Remote endpoint";

  private final ModelRegistry models;
  private final ExecutorService blocking;
  private final Principal who;
  private final Grid<ModelView> grid = new Grid<>();
  private final Grid<PresetView> presets = new Grid<>();
  private final VerticalLayout details = new VerticalLayout();
  private final Div testResult = new Div();
  private final ProgressBar testing = new ProgressBar();
  private final Button test = new Button("Test with one generation");

  /**
   * @param models the registry the page lists and registers into
   * @param blocking where a model test runs, off the UI thread
   */
  public ModelsView(ModelRegistry models, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
    this.models = models;
    this.blocking = blocking;
    this.who = SignedIn.require();
    setWidthFull();

    grid.setId("models");
    grid.addColumn(ModelView::name).setHeader("Name").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(ModelView::kind).setHeader("Kind").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(m -> nonNull(m.architecture())).setHeader("Architecture").setAutoWidth(true);
    grid.addColumn(m -> Formats.parameters(m.parameters()))
        .setHeader("Parameters")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(m -> Formats.bytes(m.sizeBytes()))
        .setHeader("Size")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(ModelView::hashStatus).setHeader("Hashes").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(ModelView::spec)
        .setHeader("Spec (for run forms)")
        .setTooltipGenerator(ModelView::spec)
        .setFlexGrow(1);
    grid.addColumn(ModelsView::origin).setHeader("By").setAutoWidth(true).setFlexGrow(0);
    grid.setAllRowsVisible(true);
    grid.asSingleSelect().addValueChangeListener(e -> showDetails(e.getValue()));

    details.setId("model-details");
    details.setPadding(false);
    details.setSpacing(false);
    test.setId("model-test");
    test.setEnabled(false);
    test.setVisible(who.role().canLaunch());
    test.addClickListener(e -> runTest());
    testing.setIndeterminate(true);
    testing.setVisible(false);
    testing.setWidth("12em");
    testResult.setId("model-test-result");

    presets.setId("model-presets");
    presets.addColumn(PresetView::id).setHeader("Preset").setAutoWidth(true);
    presets.addColumn(PresetView::hfRepoId).setHeader("Hugging Face").setAutoWidth(true);
    presets.addColumn(p -> p.family().toLowerCase()).setHeader("Family").setAutoWidth(true);
    presets
        .addColumn(p -> p.endpoints().isEmpty() ? "–" : String.join(", ", p.endpoints()))
        .setHeader("Registered endpoints");
    presets.setAllRowsVisible(true);

    HorizontalLayout testBar = new HorizontalLayout(test, testing);
    testBar.setAlignItems(Alignment.CENTER);
    add(new H2("Models"), grid, details, testBar, testResult);
    if (who.role().canLaunch()) {
      add(new H3("Register a model"), registerForm());
    }
    add(new H3("Presets"), presets);
    refresh();
  }

  private void refresh() {
    grid.setItems(models.list());
    presets.setItems(models.presets());
  }

  private void showDetails(ModelView m) {
    details.removeAll();
    testResult.removeAll();
    test.setEnabled(m != null);
    if (m == null) {
      return;
    }
    details.add(new H3(m.name()));
    details.add(line("Id", m.id()), line("Spec", m.spec()));
    if (ModelView.LOCAL.equals(m.kind())) {
      details.add(line("Folder", m.path()), line("Architecture", nonNull(m.architecture())));
      details.add(
          line(
              "Parameters",
              m.parameters() == null
                  ? "unknown (layout not read without loading)"
                  : Formats.parameters(m.parameters()) + " (" + m.parameters() + ")"));
      details.add(line("Size on disk", Formats.bytes(m.sizeBytes())));
      details.add(line("Hashes", m.hashStatus()));
      if (!m.fileHashes().isEmpty()) {
        StringBuilder hashes = new StringBuilder();
        new TreeMap<>(m.fileHashes())
            .forEach((file, sha) -> hashes.append(sha).append("  ").append(file).append('\n'));
        Pre pre = new Pre(hashes.toString().strip());
        pre.setId("model-file-hashes");
        pre.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-s)");
        details.add(new Span("SHA-256 per file:"), pre);
      }
    } else {
      details.add(
          line("Preset", m.presetId()),
          line("Endpoint", m.url()),
          line("Served name", m.servedName()),
          line("API key", m.apiKey() == null ? "none" : m.apiKey()));
    }
    details.add(
        line(
            "Registered by",
            origin(m) + (m.createdAt() == null ? "" : ", " + Formats.time(m.createdAt()))));
  }

  /** Runs {@link ModelRegistry#test} on the blocking executor; the result arrives by push. */
  private void runTest() {
    ModelView m = grid.asSingleSelect().getValue();
    if (m == null) {
      return;
    }
    UI ui = UI.getCurrent();
    test.setEnabled(false);
    testing.setVisible(true);
    testResult.removeAll();
    testResult.add(new Span("Testing " + m.id() + "…"));
    CompletableFuture.supplyAsync(() -> models.test(who, m.id()), blocking)
        .whenComplete(
            (result, error) ->
                accessIfAttached(
                    ui,
                    () -> {
                      testing.setVisible(false);
                      test.setEnabled(grid.asSingleSelect().getValue() != null);
                      testResult.removeAll();
                      if (error == null) {
                        showResult(m, result);
                      } else {
                        Throwable cause =
                            error instanceof CompletionException && error.getCause() != null
                                ? error.getCause()
                                : error;
                        testResult.add(new Span("Test failed."));
                        FieldErrors.notifyError(
                            cause.getMessage() == null ? cause.toString() : cause.getMessage());
                      }
                    }));
  }

  /** Runs {@code update} in {@code ui}, unless the page was closed meanwhile. */
  private static void accessIfAttached(UI ui, Command update) {
    try {
      ui.access(update);
    } catch (UIDetachedException e) {
      // the user left the page before the test ended: nothing to show it on
    }
  }

  private void showResult(ModelView m, ModelTestResult r) {
    Pre generated = new Pre(r.text());
    generated.setId("model-test-text");
    generated.getStyle().set("white-space", "pre-wrap").set("margin", "0");
    testResult.add(
        new H3("Test of " + m.id()),
        line("Prompt", r.prompt()),
        new Span("Generated:"),
        generated,
        line("Finish reason", r.finishReason()),
        line("Latency", r.latencyMs() + " ms"));
  }

  private FormLayout registerForm() {
    RadioButtonGroup<String> kind = new RadioButtonGroup<>("Kind");
    kind.setId("model-register-kind");
    kind.setItems(LOCAL, REMOTE);
    kind.setValue(LOCAL);
    TextField name = new TextField("Name");
    name.setId("model-name");
    name.setHelperText("Optional; the id is derived from it.");
    TextField path = new TextField("Folder on the server");
    path.setId("model-path");
    path.setHelperText("A Hugging Face folder with config.json.");
    ComboBox<String> preset = new ComboBox<>("Preset");
    preset.setId("model-preset");
    preset.setItems(models.presets().stream().map(PresetView::id).toList());
    TextField url = new TextField("Endpoint URL");
    url.setId("model-url");
    url.setPlaceholder("http://gpu-box:8000/v1");
    TextField served = new TextField("Served model name");
    served.setId("model-served-name");
    served.setHelperText("Default: the preset's Hugging Face id.");
    PasswordField key = new PasswordField("API key");
    key.setId("model-api-key");
    key.setHelperText("Optional; stays on the server, shown masked.");
    FieldErrors errors =
        new FieldErrors()
            .on("name", name)
            .on("path", path)
            .on("presetId", preset)
            .on("url", url)
            .on("servedName", served)
            .on("apiKey", key);
    Runnable showKind =
        () -> {
          boolean local = LOCAL.equals(kind.getValue());
          path.setVisible(local);
          preset.setVisible(!local);
          url.setVisible(!local);
          served.setVisible(!local);
          key.setVisible(!local);
          errors.clear();
        };
    kind.addValueChangeListener(e -> showKind.run());
    showKind.run();
    Button register =
        new Button(
            "Register",
            e -> {
              errors.clear();
              try {
                ModelView m =
                    LOCAL.equals(kind.getValue())
                        ? models.registerLocal(who, name.getValue(), path.getValue())
                        : models.registerRemote(
                            who,
                            name.getValue(),
                            preset.getValue(),
                            url.getValue(),
                            served.getValue(),
                            key.getValue());
                Notification.show("Registered " + m.id())
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                name.clear();
                path.clear();
                url.clear();
                served.clear();
                key.clear();
                refresh();
                grid.select(m);
              } catch (Problem p) {
                errors.show(p);
              }
            });
    register.setId("model-register");
    register.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    FormLayout form = new FormLayout(kind, name, path, preset, url, served, key, register);
    form.setId("model-register-form");
    form.setColspan(kind, 2);
    return form;
  }

  /** Who registered it: {@code system (discovered)} for folders under {@code $C2_HOME/models}. */
  static String origin(ModelView m) {
    return m.discovered() ? m.createdBy() + " (discovered)" : m.createdBy();
  }

  private static Paragraph line(String label, String value) {
    Paragraph p = new Paragraph();
    Span l = new Span(label + ": ");
    l.getStyle().set("color", "var(--lumo-secondary-text-color)");
    p.add(l, new Span(nonNull(value)));
    p.getStyle().set("margin", "0");
    return p;
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
