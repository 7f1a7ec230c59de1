package org.c2lab.web.server;

import com.vaadin.flow.di.DefaultInstantiator;
import com.vaadin.flow.server.VaadinService;
import io.micronaut.context.BeanContext;
import java.util.Objects;

/**
 * Vaadin's instantiator asking Micronaut first: a class Micronaut has a bean definition for (the
 * dashboard's views and layouts, annotated {@code @Prototype}) is created by Micronaut with its
 * constructor dependencies; anything else (Vaadin's own error views, components) the default way.
 */
final class MicronautInstantiator extends DefaultInstantiator {
  private final transient BeanContext beans;

  MicronautInstantiator(VaadinService service, BeanContext beans) {
    super(service);
    this.beans = Objects.requireNonNull(beans, "beans");
  }

  @Override
  public <T> T getOrCreate(Class<T> type) {
    if (beans.findBeanDefinition(type).isPresent()) {
      return beans.getBean(type);
    }
    return super.getOrCreate(type);
  }
}
