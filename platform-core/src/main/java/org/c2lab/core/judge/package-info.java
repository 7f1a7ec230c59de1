/**
 * The {@link org.c2lab.core.judge.Judge} SPI: decides whether a continuation course-corrects, with
 * the keyword baseline of the reference code and a content-hash verdict cache.
 */
package org.c2lab.core.judge;
