package org.c2lab.web.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.c2lab.web.runs.RunKind;
import org.junit.jupiter.api.Test;

class RunFormTest {
  private final AtomicInteger changes = new AtomicInteger();
  private final RunForm form =
      new RunForm(RunKind.DPO, TestRuns.parameters(RunKind.DPO), changes::incrementAndGet);

  private Component field(String name) {
    return form.getChildren()
        .filter(c -> c.getId().orElse("").equals("dpo-" + name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void eachParameterGetsAFieldOfItsType() {
    assertInstanceOf(TextField.class, field("model"));
    assertInstanceOf(BigDecimalField.class, field("beta"));
    assertInstanceOf(IntegerField.class, field("epochs"));
    assertInstanceOf(ComboBox.class, field("loss"));
    assertInstanceOf(Checkbox.class, field("full"));
    assertEquals("0.1", ((BigDecimalField) field("beta")).getPlaceholder());
    assertTrue(((TextField) field("model")).isRequiredIndicatorVisible());
  }

  @Test
  void onlyFilledFieldsBecomeValuesInFormOrder() {
    assertTrue(form.values().isEmpty());
    ((TextField) field("model")).setValue("m");
    ((IntegerField) field("epochs")).setValue(3);
    ((Checkbox) field("full")).setValue(true);
    assertEquals(Map.of("model", "m", "epochs", "3", "full", "true"), form.values());
    assertEquals(List.of("model", "epochs", "full"), List.copyOf(form.values().keySet()));
    assertEquals(3, changes.get());
  }

  @Test
  void aPresetFillsItsFieldsAndReportsKeysWithoutOne() {
    List<String> unknown = form.apply(Map.of("beta", "0.1", "lr", "5e-5", "warmup", "10"));
    assertEquals(List.of("warmup"), unknown);
    assertEquals("0.1", form.values().get("beta"));
    assertEquals("0.00005", form.values().get("lr"));
  }

  @Test
  void aValidationErrorLandsOnItsField() {
    assertTrue(form.showError("beta", "must be > 0"));
    BigDecimalField beta = (BigDecimalField) field("beta");
    assertTrue(beta.isInvalid());
    assertEquals("must be > 0", beta.getErrorMessage());
    assertFalse(form.showError("nonexistent", "x"));
    form.clearErrors();
    assertFalse(beta.isInvalid());
  }
}
