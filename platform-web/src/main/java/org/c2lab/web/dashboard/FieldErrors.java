package org.c2lab.web.dashboard;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.c2lab.web.problem.Problem;

/**
 * A form's fields by the name services use in {@link Problem#field()}: a refusal is shown on the
 * field it names, or as an error notification when it names none of them.
 */
final class FieldErrors {
  private final Map<String, HasValidation> fields = new LinkedHashMap<>();

  /** Shows problems naming {@code name} on {@code field}. */
  FieldErrors on(String name, HasValidation field) {
    fields.put(name, field);
    return this;
  }

  /** Clears every field's error. */
  void clear() {
    fields.values().forEach(f -> f.setInvalid(false));
  }

  /** Shows {@code problem} on its field, else as a notification; returns the field it used. */
  String show(Problem problem) {
    clear();
    HasValidation field = problem.field() == null ? null : fields.get(problem.field());
    if (field == null) {
      notifyError(problem.getMessage());
      return null;
    }
    field.setErrorMessage(problem.getMessage());
    field.setInvalid(true);
    return problem.field();
  }

  /** An error notification with {@code message}. */
  static void notifyError(String message) {
    Notification n = Notification.show(message, 8000, Notification.Position.BOTTOM_START);
    n.addThemeVariants(NotificationVariant.LUMO_ERROR);
  }
}
