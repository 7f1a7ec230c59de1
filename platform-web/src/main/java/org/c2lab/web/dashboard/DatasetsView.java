package org.c2lab.web.dashboard;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Datasets: the data files on this server. A plain listing until the dataset registry lands. */
@Prototype
@Route(value = "datasets", layout = MainLayout.class)
@PageTitle("Datasets · C2 Lab")
public class DatasetsView extends VerticalLayout {
  /** The listing of {@code folders}' data files. */
  public DatasetsView(LabFolders folders) {
    Grid<Path> files = new Grid<>();
    files.setId("dataset-files");
    files.addColumn(p -> p.getFileName().toString()).setHeader("File").setAutoWidth(true);
    files.addColumn(DatasetsView::size).setHeader("Size").setAutoWidth(true);
    files.addColumn(Path::toString).setHeader("Path");
    files.setItems(folders.dataFiles());
    files.setAllRowsVisible(true);
    add(new H2("Datasets"), files);
  }

  private static String size(Path file) {
    try {
      long bytes = Files.size(file);
      return bytes >= 1 << 20
          ? String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0)
          : String.format(java.util.Locale.ROOT, "%.1f kB", bytes / 1024.0);
    } catch (IOException e) {
      return "?";
    }
  }
}
