package org.c2lab.web.dashboard;

import com.vaadin.flow.component.html.Span;
import java.util.Objects;
import org.c2lab.web.account.AuditLog;
import org.c2lab.web.account.Principal;

/**
 * Harmful text (a request, a prefilled prefix, a continuation), blurred for everyone until clicked.
 * Viewers cannot reveal it; a researcher's or admin's click reveals it and is audited as {@code
 * reveal} of {@code target}.
 */
public class HarmfulText extends Span {
  /** The CSS filter of hidden text. */
  static final String BLUR = "blur(6px)";

  private final String target;
  private boolean revealed;

  /**
   * @param text the text
   * @param target what the audit entry names, e.g. {@code run-1/req-3/k=10/path=2#continuation}
   * @param who the signed-in user
   * @param audit where reveals are recorded
   */
  public HarmfulText(String text, String target, Principal who, AuditLog audit) {
    super(Objects.requireNonNullElse(text, ""));
    this.target = Objects.requireNonNull(target, "target");
    addClassName("c2-harmful");
    getStyle()
        .set("filter", BLUR)
        .set("white-space", "pre-wrap")
        .set("user-select", "none")
        .set("cursor", who.role().canReveal() ? "pointer" : "not-allowed");
    getElement()
        .setAttribute(
            "title",
            who.role().canReveal()
                ? "Harmful text: click to reveal (audited)"
                : "Harmful text: your role cannot reveal it");
    if (who.role().canReveal()) {
      addClickListener(
          e -> {
            if (!revealed) {
              audit.record(who, "reveal", this.target, "");
              reveal();
            }
          });
    }
  }

  private void reveal() {
    revealed = true;
    getStyle().remove("filter").remove("user-select").set("cursor", "text");
    getElement().setAttribute("title", "");
    addClassName("c2-revealed");
  }

  /** Whether it has been revealed. */
  public boolean isRevealed() {
    return revealed;
  }
}
