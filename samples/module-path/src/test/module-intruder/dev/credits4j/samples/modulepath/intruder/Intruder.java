package dev.credits4j.samples.modulepath.intruder;

import dev.credits4j.internal.Ids;

/**
 * Compiles on the class path (internal.Ids is public) and not in a module that requires
 * dev.credits4j, which does not export dev.credits4j.internal.
 */
public final class Intruder {
  private Intruder() {}

  public static void main(String[] args) {
    System.out.println(Ids.newId());
  }
}
