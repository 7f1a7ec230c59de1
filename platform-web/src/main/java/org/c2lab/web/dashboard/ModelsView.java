package org.c2lab.web.dashboard;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import java.nio.file.Path;
import org.c2lab.core.preset.ModelPreset;
import org.c2lab.core.preset.ModelPresets;

/**
 * Models: the paper's presets (usable as {@code PRESET@URL}) and the model folders on this server.
 * A plain listing until the model registry lands.
 */
@Prototype
@Route(value = "models", layout = MainLayout.class)
@PageTitle("Models · C2 Lab")
public class ModelsView extends VerticalLayout {
  /** The listing of {@code folders}' models and the presets. */
  public ModelsView(LabFolders folders) {
    Grid<ModelPreset> presets = new Grid<>();
    presets.setId("model-presets");
    presets.addColumn(ModelPreset::id).setHeader("Preset").setAutoWidth(true);
    presets.addColumn(ModelPreset::paperName).setHeader("In the paper").setAutoWidth(true);
    presets.addColumn(ModelPreset::hfRepoId).setHeader("Hugging Face").setAutoWidth(true);
    presets.addColumn(p -> p.family().name().toLowerCase()).setHeader("Family");
    presets.addColumn(ModelPreset::templateId).setHeader("Chat template");
    presets.setItems(ModelPresets.all());
    presets.setAllRowsVisible(true);
    Grid<Path> local = new Grid<>();
    local.setId("model-folders");
    local.addColumn(p -> p.getFileName().toString()).setHeader("Folder").setAutoWidth(true);
    local.addColumn(Path::toString).setHeader("Path");
    local.setItems(folders.modelFolders());
    local.setAllRowsVisible(true);
    add(
        new H2("Models"),
        new H3("Model folders on this server"),
        local,
        new H3("Presets"),
        presets);
  }
}
