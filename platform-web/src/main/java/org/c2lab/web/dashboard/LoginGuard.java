package org.c2lab.web.dashboard;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterListener;

/**
 * Sends every navigation of a visitor who is not signed in to {@link LoginView}. Installed on each
 * UI before any view of it is created (the lab server adds it to the Vaadin service).
 */
public final class LoginGuard implements BeforeEnterListener {
  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    if (SignedIn.principal().isEmpty() && event.getNavigationTarget() != LoginView.class) {
      event.forwardTo(LoginView.class);
    }
  }
}
