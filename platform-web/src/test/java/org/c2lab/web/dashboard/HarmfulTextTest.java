package org.c2lab.web.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vaadin.flow.component.ClickEvent;
import com.vaadin.flow.component.ComponentUtil;
import org.c2lab.core.store.PageRequest;
import org.c2lab.web.account.AuditLog;
import org.junit.jupiter.api.Test;

class HarmfulTextTest {
  private final InMemoryAuditLog audit = new InMemoryAuditLog();

  private static void click(HarmfulText text) {
    ComponentUtil.fireEvent(text, new ClickEvent<>(text));
  }

  @Test
  void aResearchersClickRevealsOnceAndIsAudited() {
    HarmfulText text =
        new HarmfulText("harmful", "run-1/req-1#prefix", TestAccounts.RESEARCHER, audit);
    assertEquals(HarmfulText.BLUR, text.getStyle().get("filter"));
    click(text);
    click(text);
    assertTrue(text.isRevealed());
    assertEquals(null, text.getStyle().get("filter"));
    var entries = audit.list(PageRequest.first(10)).items();
    assertEquals(1, entries.size());
    AuditLog.Entry e = entries.get(0);
    assertEquals("rita", e.actor());
    assertEquals("reveal", e.action());
    assertEquals("run-1/req-1#prefix", e.target());
  }

  @Test
  void aViewersClickRevealsNothing() {
    HarmfulText text = new HarmfulText("harmful", "run-1/req-1#prefix", TestAccounts.VIEWER, audit);
    click(text);
    assertFalse(text.isRevealed());
    assertEquals(HarmfulText.BLUR, text.getStyle().get("filter"));
    assertTrue(audit.list(PageRequest.first(10)).items().isEmpty());
  }
}
