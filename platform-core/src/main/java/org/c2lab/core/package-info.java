/** The C2 vocabulary shared by every module. Imports no DJL, Micronaut or Vaadin. */
package org.c2lab.core;
