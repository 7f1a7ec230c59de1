package org.c2lab.web.cli;

import picocli.CommandLine.Command;

/** {@code ./c2 template ...}: chat templates. */
@Command(
    name = "template",
    description = "Chat templates: render the exact prompt a model sees.",
    mixinStandardHelpOptions = true,
    subcommands = {TemplateRenderCommand.class})
public class TemplateCommand {}
