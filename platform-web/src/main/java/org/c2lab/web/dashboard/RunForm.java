package org.c2lab.web.dashboard;

import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.c2lab.web.runs.ParameterSpec;
import org.c2lab.web.runs.RunKind;

/**
 * The form of one run kind, generated from its {@link ParameterSpec}s: a typed field per parameter
 * (integer, decimal, flag, choice, text), the default as placeholder, the help as helper text.
 * Model and dataset fields offer suggestions (the registered models' specs, the registered
 * datasets' paths) in a combo box that still accepts a typed value. Empty fields are left out of
 * the request, so the command's default applies.
 */
class RunForm extends FormLayout {
  private final RunKind kind;
  private final Map<String, Field> fields = new LinkedHashMap<>();
  private final Map<String, ParameterSpec.Type> types = new LinkedHashMap<>();

  RunForm(RunKind kind, List<ParameterSpec> specs, Runnable onChange) {
    this(kind, specs, Map.of(), onChange);
  }

  /**
   * @param suggestions values offered by type ({@link ParameterSpec.Type#MODEL}: model specs,
   *     {@link ParameterSpec.Type#DATASET}: dataset paths); any other value may be typed
   */
  RunForm(
      RunKind kind,
      List<ParameterSpec> specs,
      Map<ParameterSpec.Type, List<String>> suggestions,
      Runnable onChange) {
    this.kind = kind;
    setResponsiveSteps(
        new ResponsiveStep("0", 1), new ResponsiveStep("40em", 2), new ResponsiveStep("70em", 3));
    for (ParameterSpec spec : specs) {
      Field field = Field.of(spec, suggestions.getOrDefault(spec.type(), List.of()));
      field.component().setId(kind.id() + "-" + spec.name());
      field.onChange(onChange);
      fields.put(spec.name(), field);
      types.put(spec.name(), spec.type());
      add(field.component());
    }
  }

  RunKind kind() {
    return kind;
  }

  /** The filled-in values, in form order; flags only when ticked. */
  Map<String, String> values() {
    Map<String, String> values = new LinkedHashMap<>();
    fields.forEach(
        (name, f) -> {
          String v = f.text();
          if (!v.isEmpty()) {
            values.put(name, v);
          }
        });
    return values;
  }

  Map<String, ParameterSpec.Type> types() {
    return types;
  }

  /** Sets the fields a preset names; returns the preset's keys this form has no field for. */
  List<String> apply(Map<String, String> preset) {
    preset.forEach(
        (name, value) -> {
          Field f = fields.get(name);
          if (f != null) {
            f.setText(value);
          }
        });
    return preset.keySet().stream().filter(n -> !fields.containsKey(n)).toList();
  }

  /** Marks {@code name} invalid with {@code message}; false if there is no such field. */
  boolean showError(String name, String message) {
    Field f = fields.get(name);
    if (f == null) {
      return false;
    }
    f.setError(message);
    return true;
  }

  void clearErrors() {
    fields.values().forEach(f -> f.setError(null));
  }

  /** One typed field and its value as the text a command line takes. */
  private interface Field {
    Component component();

    String text();

    void setText(String text);

    void setError(String message);

    void onChange(Runnable listener);

    static Field of(ParameterSpec spec, List<String> suggestions) {
      return switch (spec.type()) {
        case INTEGER -> integer(spec);
        case DECIMAL -> decimal(spec);
        case FLAG -> flag(spec);
        case CHOICE -> choice(spec);
        case MODEL, DATASET -> suggested(spec, suggestions);
        default -> text(spec);
      };
    }

    /** A combo box offering {@code suggestions} that keeps any typed value too. */
    private static Field suggested(ParameterSpec spec, List<String> suggestions) {
      ComboBox<String> f = new ComboBox<>(spec.name());
      List<String> items = new ArrayList<>(suggestions);
      f.setItems(items);
      f.setAllowCustomValue(true);
      f.setPlaceholder(spec.defaultValue());
      f.setHelperText(spec.help());
      f.setRequiredIndicatorVisible(spec.required());
      Function<String, String> offer =
          s -> {
            if (s.isEmpty()) {
              return null;
            }
            if (!items.contains(s)) {
              items.add(s);
              f.setItems(items);
            }
            return s;
          };
      f.addCustomValueSetListener(e -> f.setValue(offer.apply(e.getDetail().strip())));
      return new Simple<>(
          f, v -> v == null ? "" : v.strip(), offer, f::setInvalid, f::setErrorMessage);
    }

    private static Field text(ParameterSpec spec) {
      TextField f = new TextField(spec.name());
      f.setPlaceholder(spec.defaultValue());
      f.setHelperText(spec.help());
      f.setRequiredIndicatorVisible(spec.required());
      f.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.EAGER);
      return new Simple<>(f, String::strip, s -> s, f::setInvalid, f::setErrorMessage);
    }

    private static Field integer(ParameterSpec spec) {
      IntegerField f = new IntegerField(spec.name());
      f.setPlaceholder(spec.defaultValue());
      f.setHelperText(spec.help());
      f.setRequiredIndicatorVisible(spec.required());
      f.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.EAGER);
      return new Simple<>(
          f,
          v -> v == null ? "" : v.toString(),
          s -> s.isEmpty() ? null : Integer.valueOf(s),
          f::setInvalid,
          f::setErrorMessage);
    }

    private static Field decimal(ParameterSpec spec) {
      BigDecimalField f = new BigDecimalField(spec.name());
      f.setPlaceholder(spec.defaultValue());
      f.setHelperText(spec.help());
      f.setRequiredIndicatorVisible(spec.required());
      f.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.EAGER);
      return new Simple<>(
          f,
          v -> v == null ? "" : v.stripTrailingZeros().toPlainString(),
          s -> s.isEmpty() ? null : new BigDecimal(s),
          f::setInvalid,
          f::setErrorMessage);
    }

    private static Field flag(ParameterSpec spec) {
      Checkbox f = new Checkbox(spec.name());
      f.setTooltipText(spec.help());
      f.setValue(Boolean.parseBoolean(spec.defaultValue()));
      return new Simple<>(
          f, v -> Boolean.TRUE.equals(v) ? "true" : "", Boolean::parseBoolean, b -> {}, m -> {});
    }

    private static Field choice(ParameterSpec spec) {
      ComboBox<String> f = new ComboBox<>(spec.name(), spec.choices());
      f.setPlaceholder(spec.defaultValue());
      f.setHelperText(spec.help());
      f.setRequiredIndicatorVisible(spec.required());
      return new Simple<>(
          f,
          v -> v == null ? "" : v,
          s -> s.isEmpty() ? null : s,
          f::setInvalid,
          f::setErrorMessage);
    }
  }

  /** A field whose value converts to and from text. */
  private record Simple<V>(
      AbstractField<?, V> field,
      java.util.function.Function<V, String> toText,
      java.util.function.Function<String, V> fromText,
      java.util.function.Consumer<Boolean> invalid,
      java.util.function.Consumer<String> errorMessage)
      implements Field {
    @Override
    public Component component() {
      return field;
    }

    @Override
    public String text() {
      return toText.apply(field.getValue());
    }

    @Override
    public void setText(String text) {
      field.setValue(fromText.apply(text == null ? "" : text.strip()));
    }

    @Override
    public void setError(String message) {
      invalid.accept(message != null);
      errorMessage.accept(message);
    }

    @Override
    public void onChange(Runnable listener) {
      field.addValueChangeListener(e -> listener.run());
    }
  }
}
