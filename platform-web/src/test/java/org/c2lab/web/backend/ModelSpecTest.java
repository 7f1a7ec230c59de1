package org.c2lab.web.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
  @Test
  void aPresetAtAUrlIsRemoteNamedByItsHuggingFaceIdUnlessGivenAName() {
    ModelSpec.Remote r =
        assertInstanceOf(
            ModelSpec.Remote.class, ModelSpec.parse("qwen2-7b-instruct@http://gpu:8000/v1"));
    assertEquals("qwen2-7b-instruct", r.preset().id());
    assertEquals(URI.create("http://gpu:8000/v1"), r.baseUrl());
    assertEquals("Qwen/Qwen2-7B-Instruct", r.servedName());
    ModelSpec.Remote named =
        (ModelSpec.Remote) ModelSpec.parse("qwen2-7b-instruct@https://gpu/v1#qwen");
    assertEquals("qwen", named.servedName());
    assertEquals(URI.create("https://gpu/v1"), named.baseUrl());
  }

  @Test
  void anythingElseIsAFolderEvenWithAnAt() {
    assertEquals(
        new ModelSpec.Local(Path.of("models/me@lab/stories")),
        ModelSpec.parse("models/me@lab/stories"));
  }

  @Test
  void errorsNameTheSyntax() {
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("gpt-9@http://host/v1"));
    assertTrue(unknown.getMessage().contains(ModelSpec.SYNTAX), unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(" "));
    assertThrows(
        IllegalArgumentException.class, () -> ModelSpec.parse("llama2-chat-7b@http://host/v1#"));
  }
}
