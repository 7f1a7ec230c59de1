package org.c2lab.web.dashboard;

import com.vaadin.flow.server.VaadinSession;
import java.util.Optional;
import org.c2lab.web.account.Principal;

/** The dashboard user of the current Vaadin session. */
public final class SignedIn {
  private SignedIn() {}

  /** The signed-in principal of the current session, if any. */
  public static Optional<Principal> principal() {
    VaadinSession session = VaadinSession.getCurrent();
    return session == null
        ? Optional.empty()
        : Optional.ofNullable(session.getAttribute(Principal.class));
  }

  /** The signed-in principal; views behind {@link MainLayout} always have one. */
  public static Principal require() {
    return principal().orElseThrow(() -> new IllegalStateException("not signed in"));
  }

  /** Signs {@code who} in for the current session. */
  static void signIn(Principal who) {
    VaadinSession.getCurrent().setAttribute(Principal.class, who);
  }

  /** Signs out, ending the session. */
  static void signOut() {
    VaadinSession session = VaadinSession.getCurrent();
    session.setAttribute(Principal.class, null);
    session.getSession().invalidate();
  }
}
