/** A host module that reaches into a package the SDK does not export: it must not compile. */
module dev.credits4j.samples.modulepath.intruder {
  requires dev.credits4j;
}
