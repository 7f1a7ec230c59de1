package org.c2lab.web.dashboard;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import io.micronaut.context.annotation.Prototype;
import java.util.Optional;
import org.c2lab.web.account.Principal;

/**
 * The frame of every signed-in page: navigation, the user and sign-out. Visitors who are not signed
 * in are sent to {@link LoginView}, so every page behind this layout requires a login.
 */
@Prototype
public class MainLayout extends AppLayout implements BeforeEnterObserver {
  private final Span user = new Span();
  private final SideNavItem newRun = new SideNavItem("New run", NewRunView.class);

  /** The navigation and header. */
  public MainLayout() {
    H1 title = new H1("C2 Lab");
    title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
    Button signOut =
        new Button(
            "Sign out",
            e -> {
              SignedIn.signOut();
              getUI().ifPresent(ui -> ui.getPage().setLocation("login"));
            });
    signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    signOut.setId("sign-out");
    user.setId("signed-in-user");
    HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, user, signOut);
    header.setWidthFull();
    header.setAlignItems(FlexComponent.Alignment.CENTER);
    header.expand(title);
    header.getStyle().set("padding-right", "var(--lumo-space-m)");
    addToNavbar(header);

    SideNav nav = new SideNav();
    nav.addItem(
        new SideNavItem("Overview", OverviewView.class),
        newRun,
        new SideNavItem("Compare", CompareView.class),
        new SideNavItem("Models", ModelsView.class),
        new SideNavItem("Datasets", DatasetsView.class));
    addToDrawer(nav);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    Optional<Principal> who = SignedIn.principal();
    if (who.isEmpty()) {
      event.forwardTo(LoginView.class);
      return;
    }
    user.setText(who.get().username() + " (" + who.get().role().name().toLowerCase() + ")");
    newRun.setVisible(who.get().role().canLaunch());
  }
}
