package org.c2lab.web.dashboard;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import java.util.List;
import java.util.Map;
import org.c2lab.web.account.Principal;
import org.c2lab.web.registry.DatasetRegistry;
import org.c2lab.web.registry.DatasetView;
import org.c2lab.web.registry.ModelRegistry;
import org.c2lab.web.registry.ModelView;
import org.c2lab.web.runs.ParameterSpec;
import org.c2lab.web.runs.RunKind;
import org.c2lab.web.runs.RunRequest;
import org.c2lab.web.runs.RunService;
import org.c2lab.web.runs.RunValidationException;
import org.c2lab.web.runs.RunView;

/**
 * Launching a run: one tab per {@link RunKind}, each a form generated from the kind's parameters,
 * named presets ({@code configs/*.json}) for the training kinds, model and dataset fields offering
 * the registered ones, and the equivalent {@code ./c2} command line, updated as fields change.
 * Validation errors appear on the field they name.
 */
@Prototype
@Route(value = "runs/new", layout = MainLayout.class)
@PageTitle("New run · C2 Lab")
public class NewRunView extends VerticalLayout {
  private final RunService runs;
  private final TrainPresets presets;
  private final Map<ParameterSpec.Type, List<String>> suggestions;

  /**
   * Forms over {@code runs}' parameter specs; presets from {@code presets}; model and dataset
   * fields offer what {@code models} and {@code datasets} have registered.
   */
  public NewRunView(
      RunService runs, TrainPresets presets, ModelRegistry models, DatasetRegistry datasets) {
    this.runs = runs;
    this.presets = presets;
    add(new H2("New run"));
    Principal who = SignedIn.require();
    this.suggestions =
        who.role().canLaunch()
            ? Map.of(
                ParameterSpec.Type.MODEL,
                models.list().stream().map(ModelView::spec).toList(),
                ParameterSpec.Type.DATASET,
                datasets.list().stream().map(DatasetView::path).toList())
            : Map.of();
    if (!who.role().canLaunch()) {
      add(new Paragraph("Your role (" + who.role().name().toLowerCase() + ") cannot launch runs."));
      return;
    }
    TabSheet tabs = new TabSheet();
    tabs.setWidthFull();
    for (RunKind kind : RunKind.values()) {
      tabs.add(kind.id(), kindPanel(kind, who)).setId("tab-" + kind.id());
    }
    add(tabs);
  }

  private VerticalLayout kindPanel(RunKind kind, Principal who) {
    Pre command = new Pre();
    command.setId(kind.id() + "-command");
    command.getStyle().set("white-space", "pre-wrap").set("margin", "0");
    RunForm[] holder = new RunForm[1];
    RunForm form =
        new RunForm(
            kind, runs.parameters(kind), suggestions, () -> updateCommand(holder[0], command));
    holder[0] = form;
    TextField name = new TextField("Label");
    name.setId(kind.id() + "-label");
    name.setHelperText("Shown in listings (optional).");

    VerticalLayout panel = new VerticalLayout();
    panel.setPadding(false);
    List<String> presetNames = presets.names(kind);
    if (!presetNames.isEmpty()) {
      ComboBox<String> preset = new ComboBox<>("Preset", presetNames);
      preset.setId(kind.id() + "-preset");
      preset.setHelperText("Fills the form with configs/NAME.json; fields stay editable.");
      preset.addValueChangeListener(
          e -> {
            if (e.getValue() != null) {
              List<String> unknown = form.apply(presets.values(e.getValue()));
              if (!unknown.isEmpty()) {
                Notification.show("Preset keys without a field: " + String.join(", ", unknown));
              }
              updateCommand(form, command);
            }
          });
      panel.add(preset);
    }
    Button launch = new Button("Launch", e -> submit(form, name.getValue(), who));
    launch.setId(kind.id() + "-launch");
    launch.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    panel.add(
        form,
        name,
        new Paragraph("Equivalent command line:"),
        command,
        new HorizontalLayout(launch));
    updateCommand(form, command);
    return panel;
  }

  private static void updateCommand(RunForm form, Pre command) {
    command.setText(CommandLines.of(form.kind(), form.values(), form.types()));
  }

  private void submit(RunForm form, String label, Principal who) {
    form.clearErrors();
    try {
      RunView run =
          runs.submit(new RunRequest(form.kind(), label, form.values(), 0, List.of()), who);
      Notification.show("Queued " + run.id()).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
      getUI().ifPresent(ui -> ui.navigate(RunPage.class, run.id()));
    } catch (RunValidationException e) {
      String prefix = e.field() + ": ";
      String message =
          e.getMessage().startsWith(prefix)
              ? e.getMessage().substring(prefix.length())
              : e.getMessage();
      if (!form.showError(e.field(), message)) {
        Notification.show(e.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
      }
    }
  }
}
