package org.c2lab.web.dashboard;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadEvent;
import io.micronaut.context.annotation.Prototype;
import java.util.List;
import org.c2lab.core.store.PageRequest;
import org.c2lab.web.account.AuditLog;
import org.c2lab.web.account.Principal;
import org.c2lab.web.problem.Problem;
import org.c2lab.web.registry.DatasetRegistry;
import org.c2lab.web.registry.DatasetRow;
import org.c2lab.web.registry.DatasetView;
import org.c2lab.web.registry.RowPage;

/**
 * Datasets: every dataset of the {@link DatasetRegistry} with format, rows, size and SHA-256;
 * registering a file on the server or uploading one (researchers and admins; validation errors name
 * {@code file:line: field}); and a row browser for the selected dataset (search, paging, C2-Syn
 * rank structure), where harmful text is a {@link HarmfulText} whose reveals are audited as {@code
 * dataset/ID/line/N#field}.
 */
@Prototype
@Route(value = "datasets", layout = MainLayout.class)
@PageTitle("Datasets · C2 Lab")
public class DatasetsView extends VerticalLayout {
  /** Rows per page of the row browser. */
  static final int PAGE_SIZE = 20;

  private final DatasetRegistry datasets;
  private final AuditLog audit;
  private final Principal who;
  private final Grid<DatasetView> grid = new Grid<>();
  private final Paragraph details = new Paragraph();
  private final VerticalLayout browser = new VerticalLayout();
  private final TextField search = new TextField();
  private final Span range = new Span();
  private final Button previous = new Button("Previous", VaadinIcon.ANGLE_LEFT.create());
  private final Button next = new Button("Next", VaadinIcon.ANGLE_RIGHT.create());
  private final Grid<DatasetRow> rows = new Grid<>();
  private long offset;
  private volatile String uploadName = "";

  /**
   * @param datasets the registry the page lists, registers into and browses
   * @param audit where reveals of harmful text are recorded
   */
  public DatasetsView(DatasetRegistry datasets, AuditLog audit) {
    this.datasets = datasets;
    this.audit = audit;
    this.who = SignedIn.require();
    setWidthFull();

    grid.setId("datasets");
    grid.addColumn(DatasetView::name).setHeader("Name").setAutoWidth(true);
    grid.addColumn(DatasetView::format).setHeader("Format").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(DatasetView::rows).setHeader("Rows").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(d -> Formats.bytes(d.sizeBytes()))
        .setHeader("Size")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(d -> Formats.shortHash(d.sha256()))
        .setHeader("SHA-256")
        .setTooltipGenerator(DatasetView::sha256)
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(DatasetsView::source).setHeader("Source").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(DatasetView::createdBy).setHeader("By").setAutoWidth(true).setFlexGrow(0);
    grid.setAllRowsVisible(true);
    grid.asSingleSelect().addValueChangeListener(e -> select(e.getValue()));
    details.setId("dataset-details");

    add(new H2("Datasets"), grid, details, browser());
    if (who.role().canLaunch()) {
      add(new H3("Add a dataset"), addForm());
    }
    grid.setItems(datasets.list());
  }

  private VerticalLayout browser() {
    browser.setId("dataset-browser");
    browser.setPadding(false);
    browser.setVisible(false);
    search.setId("dataset-search");
    search.setPlaceholder("Search the rows' text");
    search.setClearButtonVisible(true);
    search.setValueChangeMode(ValueChangeMode.LAZY);
    search.setWidth("24em");
    search.addValueChangeListener(e -> load(0));
    range.setId("rows-range");
    previous.setId("rows-previous");
    next.setId("rows-next");
    next.setIconAfterText(true);
    previous.addClickListener(e -> load(Math.max(0, offset - PAGE_SIZE)));
    next.addClickListener(e -> load(offset + PAGE_SIZE));
    rows.setId("dataset-rows");
    rows.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
    rows.setAllRowsVisible(true);
    rows.setSelectionMode(Grid.SelectionMode.NONE);
    HorizontalLayout bar = new HorizontalLayout(search, previous, range, next);
    bar.setAlignItems(Alignment.CENTER);
    browser.add(new H3("Rows"), bar, rows);
    return browser;
  }

  private void select(DatasetView d) {
    details.removeAll();
    browser.setVisible(d != null);
    if (d == null) {
      return;
    }
    details.add(
        new Span(d.name() + " · " + d.path()),
        new Span(" · SHA-256 "),
        new Span(d.sha256()),
        new Span(" · " + Formats.time(d.createdAt())));
    search.clear();
    load(0);
  }

  /** Shows the page of the selected dataset's rows from {@code from}. */
  private void load(long from) {
    DatasetView d = grid.asSingleSelect().getValue();
    if (d == null) {
      return;
    }
    RowPage page;
    try {
      page = datasets.rows(d.id(), search.getValue(), new PageRequest(from, PAGE_SIZE));
    } catch (Problem p) {
      FieldErrors.notifyError(p.getMessage());
      return;
    }
    offset = page.offset();
    range.setText(DatasetRowCells.range(page));
    previous.setEnabled(offset > 0);
    next.setEnabled(offset + page.items().size() < page.total());
    showRows(d.id(), page.items());
  }

  private void showRows(String datasetId, List<DatasetRow> items) {
    rows.removeAllColumns();
    rows.addColumn(DatasetRow::line).setHeader("Line").setAutoWidth(true).setFlexGrow(0);
    if (DatasetRowCells.hasRanking(items)) {
      rows.addColumn(DatasetRowCells::ranking)
          .setHeader("Ranks (chosen > rejected)")
          .setAutoWidth(true)
          .setFlexGrow(0)
          .setKey("ranking");
    }
    List<String> text = DatasetRowCells.textColumns(items);
    for (String field : text) {
      if (DatasetRowCells.harmful(field)) {
        rows.addColumn(
                new ComponentRenderer<>(
                    row -> {
                      HarmfulText t =
                          new HarmfulText(
                              DatasetRowCells.text(row, field),
                              DatasetRowCells.target(datasetId, row, field),
                              who,
                              audit);
                      t.getElement().setAttribute("data-field", field);
                      return t;
                    }))
            .setHeader(field)
            .setKey(field)
            .setFlexGrow(1);
      } else {
        rows.addColumn(row -> DatasetRowCells.text(row, field))
            .setHeader(field)
            .setKey(field)
            .setFlexGrow(1);
      }
    }
    rows.addColumn(row -> DatasetRowCells.others(row, text))
        .setHeader("Other fields")
        .setFlexGrow(1);
    rows.setItems(items);
  }

  private FormLayout addForm() {
    TextField name = new TextField("Name");
    name.setId("dataset-name");
    name.setHelperText("Optional; the id is derived from it (else from the file name).");
    name.addValueChangeListener(e -> uploadName = e.getValue());
    TextField path = new TextField("File on the server");
    path.setId("dataset-path");
    path.setHelperText("A .jsonl file: PKU-SafeRLHF, preference pairs or SFT.");
    FieldErrors errors = new FieldErrors().on("name", name).on("path", path);
    Button register =
        new Button(
            "Register",
            e -> {
              errors.clear();
              try {
                DatasetView d = datasets.registerPath(who, name.getValue(), path.getValue());
                added(d);
                name.clear();
                path.clear();
              } catch (Problem p) {
                errors.show(p);
              }
            });
    register.setId("dataset-register");
    register.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

    Span uploadError = new Span();
    uploadError.setId("dataset-upload-error");
    uploadError.getStyle().set("color", "var(--lumo-error-text-color)");
    Upload upload = new Upload();
    upload.setUploadHandler(event -> receive(event, upload, name, uploadError));
    upload.setId("dataset-upload");
    upload.setMaxFiles(1);
    upload.setAcceptedFileTypes(".jsonl");
    upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, datasets.maxUploadBytes()));
    upload.addFileRejectedListener(e -> uploadError.setText(e.getErrorMessage()));
    Span limit =
        new Span("Upload a .jsonl file (at most " + Formats.bytes(datasets.maxUploadBytes()) + ")");
    VerticalLayout uploads = new VerticalLayout(limit, upload, uploadError);
    uploads.setPadding(false);
    uploads.setSpacing(false);
    FormLayout form = new FormLayout(name, path, register, uploads);
    form.setId("dataset-add-form");
    form.setColspan(uploads, 2);
    return form;
  }

  /**
   * Streams an upload into the registry (which validates it and enforces the size limit), then
   * updates the page under the session lock.
   */
  private void receive(UploadEvent event, Upload upload, TextField name, Span uploadError) {
    UI ui = event.getUI();
    String fileName = event.getFileName();
    DatasetView stored = null;
    String error = null;
    try {
      stored = datasets.upload(who, uploadName, fileName, event.getInputStream());
    } catch (Problem p) {
      error = p.getMessage();
    } catch (RuntimeException e) {
      error = fileName + ": " + e.getMessage();
    }
    DatasetView done = stored;
    String failed = error;
    ui.access(
        () -> {
          upload.clearFileList(); // the message says how it went; ready for the next file
          if (done != null) {
            uploadError.setText("");
            name.clear();
            added(done);
          } else {
            uploadError.setText(failed);
            FieldErrors.notifyError(failed);
          }
        });
  }

  private void added(DatasetView d) {
    Notification.show("Added " + d.id() + " (" + d.rows() + " rows)")
        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    grid.setItems(datasets.list());
    grid.select(d);
  }

  /** Where it came from: {@code uploaded}, {@code discovered} or {@code registered}. */
  static String source(DatasetView d) {
    if (d.uploaded()) {
      return "uploaded";
    }
    return d.discovered() ? "discovered" : "registered";
  }
}
