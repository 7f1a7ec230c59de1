package org.c2lab.web.dashboard;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import io.micronaut.context.annotation.Prototype;
import java.util.Optional;
import org.c2lab.web.account.Principal;
import org.c2lab.web.account.SignIn;

/**
 * The sign-in page; every other page sends a visitor here first. An account that still has its
 * one-time password (the first-start admin, or one an admin created) must choose a new one here
 * before it is signed in.
 */
@Prototype
@Route("login")
@PageTitle("Sign in · C2 Lab")
public class LoginView extends VerticalLayout implements BeforeEnterObserver {
  private final DashboardAuthenticator authenticator;
  private final LoginForm form = new LoginForm();

  /** A login form checked by {@code authenticator}. */
  public LoginView(DashboardAuthenticator authenticator) {
    this.authenticator = authenticator;
    setSizeFull();
    setAlignItems(FlexComponent.Alignment.CENTER);
    setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
    form.setForgotPasswordButtonVisible(false);
    form.addLoginListener(
        e -> {
          Optional<SignIn> who = authenticator.authenticate(e.getUsername(), e.getPassword());
          if (who.isEmpty()) {
            form.setError(true);
            form.setEnabled(true);
            return;
          }
          if (who.get().mustChangePassword()) {
            askForNewPassword(who.get().principal(), e.getPassword());
          } else {
            signIn(who.get().principal());
          }
        });
    add(form);
  }

  private void askForNewPassword(Principal who, String oneTimePassword) {
    removeAll();
    PasswordField next = new PasswordField("New password");
    next.setId("new-password");
    PasswordField again = new PasswordField("New password, again");
    again.setId("new-password-again");
    Button save = new Button("Set password and sign in");
    save.setId("set-password");
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    save.addClickListener(
        click -> {
          again.setInvalid(false);
          next.setInvalid(false);
          if (!next.getValue().equals(again.getValue())) {
            again.setErrorMessage("the two passwords differ");
            again.setInvalid(true);
            return;
          }
          try {
            authenticator.changePassword(who, oneTimePassword, next.getValue());
          } catch (IllegalArgumentException refused) {
            next.setErrorMessage(refused.getMessage());
            next.setInvalid(true);
            return;
          }
          signIn(who);
        });
    add(
        new H3("Choose a password"),
        new Paragraph(
            "'" + who.username() + "' signed in with a one-time password; choose your own."),
        next,
        again,
        save);
  }

  private void signIn(Principal who) {
    // A new session id on sign-in (no session fixation).
    VaadinService.reinitializeSession(VaadinRequest.getCurrent());
    SignedIn.signIn(who);
    getUI().ifPresent(ui -> ui.navigate(OverviewView.class));
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    if (SignedIn.principal().isPresent()) {
      event.forwardTo(OverviewView.class);
    }
  }
}
