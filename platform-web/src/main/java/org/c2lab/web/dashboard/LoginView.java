package org.c2lab.web.dashboard;

import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import io.micronaut.context.annotation.Prototype;
import java.util.Optional;
import org.c2lab.web.account.Principal;

/** The sign-in page; every other page sends a visitor here first. */
@Prototype
@Route("login")
@PageTitle("Sign in · C2 Lab")
public class LoginView extends VerticalLayout implements BeforeEnterObserver {
  private final LoginForm form = new LoginForm();

  /** A login form checked by {@code authenticator}. */
  public LoginView(DashboardAuthenticator authenticator) {
    setSizeFull();
    setAlignItems(FlexComponent.Alignment.CENTER);
    setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
    form.setForgotPasswordButtonVisible(false);
    form.addLoginListener(
        e -> {
          Optional<Principal> who = authenticator.authenticate(e.getUsername(), e.getPassword());
          if (who.isEmpty()) {
            form.setError(true);
            form.setEnabled(true);
            return;
          }
          // A new session id on sign-in (no session fixation).
          VaadinService.reinitializeSession(VaadinRequest.getCurrent());
          SignedIn.signIn(who.get());
          getUI().ifPresent(ui -> ui.navigate(OverviewView.class));
        });
    add(form);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    if (SignedIn.principal().isPresent()) {
      event.forwardTo(OverviewView.class);
    }
  }
}
