package org.jvnet.hudson.annotation_indexer;

import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;

/** Compile-time check of an {@link Indexed} annotation's use (declared because {@link Indexed} names it). */
public interface Validator {
    void check(Element use, RoundEnvironment e, ProcessingEnvironment env);
}
