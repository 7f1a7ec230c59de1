package org.c2lab.core.template.jinja;

import java.util.List;
import java.util.Map;

/** Something a template can call: a global function, a bound method, a macro. */
@FunctionalInterface
interface JinjaCallable {
  Object call(List<Object> args, Map<String, Object> kwargs);
}
