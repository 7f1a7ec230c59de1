package org.c2lab.web.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.c2lab.web.runs.ParameterSpec;
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
    assertInstanceOf(ComboBox.class, field("model"));
    assertInstanceOf(ComboBox.class, field("pairs"));
    assertInstanceOf(BigDecimalField.class, field("beta"));
    assertInstanceOf(IntegerField.class, field("epochs"));
    assertInstanceOf(ComboBox.class, field("loss"));
    assertInstanceOf(Checkbox.class, field("full"));
    assertEquals("0.1", ((BigDecimalField) field("beta")).getPlaceholder());
    assertTrue(((ComboBox<?>) field("model")).isRequiredIndicatorVisible());
  }

  @Test
  void onlyFilledFieldsBecomeValuesInFormOrder() {
    assertTrue(form.values().isEmpty());
    model(form).setValue("m");
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

  @Test
  void modelAndDatasetFieldsOfferTheRegisteredOnesAndKeepATypedValue() {
    RunForm offered =
        new RunForm(
            RunKind.DPO,
            TestRuns.parameters(RunKind.DPO),
            Map.of(
                ParameterSpec.Type.MODEL,
                List.of("/srv/models/tiny", "llama2-chat-7b@http://gpu:8000/v1#meta-llama/x"),
                ParameterSpec.Type.DATASET,
                List.of("/srv/data/pairs.jsonl")),
            changes::incrementAndGet);
    ComboBox<String> model = model(offered);
    assertTrue(model.isAllowCustomValue());
    assertEquals(
        List.of("/srv/models/tiny", "llama2-chat-7b@http://gpu:8000/v1#meta-llama/x"),
        model.getListDataView().getItems().toList());
    // Typed and committed in the browser (Enter or leaving the field): a custom value.
    ComponentUtil.fireEvent(
        model, new ComboBox.CustomValueSetEvent<>(model, true, " c2-data/models/typed "));
    assertEquals("c2-data/models/typed", model.getValue());
    assertTrue(model.getListDataView().getItems().toList().contains("c2-data/models/typed"));
    model.setValue("/srv/models/tiny");
    // A value nobody registered, as a preset or a typed path gives it: kept and offered from now.
    offered.apply(Map.of("pairs", "c2-data/datasets/my pairs.jsonl"));
    ComboBox<?> pairs =
        (ComboBox<?>)
            offered
                .getChildren()
                .filter(c -> c.getId().orElse("").equals("dpo-pairs"))
                .findFirst()
                .orElseThrow();
    assertEquals(
        List.of("/srv/data/pairs.jsonl", "c2-data/datasets/my pairs.jsonl"),
        pairs.getListDataView().getItems().toList());
    assertEquals(
        "./c2 train dpo --model /srv/models/tiny --pairs 'c2-data/datasets/my pairs.jsonl'",
        CommandLines.of(RunKind.DPO, offered.values(), offered.types()));
  }

  @SuppressWarnings("unchecked")
  private static ComboBox<String> model(RunForm form) {
    return (ComboBox<String>)
        form.getChildren()
            .filter(c -> c.getId().orElse("").equals("dpo-model"))
            .findFirst()
            .orElseThrow();
  }
}
