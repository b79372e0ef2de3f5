/**
 * A host on the module path: it reads the SDK as the named module {@code dev.credits4j} and
 * names nothing but what that module exports.
 */
module dev.credits4j.samples.modulepath.host {
  // Credits4j, api, spi; through "requires transitive": JPA, JSR-354 (and Moneta), java.sql.
  requires dev.credits4j;
  // The embedded database's DataSource (H2's automatic module name).
  requires com.h2database;
  // H2's JdbcDataSource is a javax.naming.Referenceable: compiling a call on it needs the type.
  requires java.naming;
}
