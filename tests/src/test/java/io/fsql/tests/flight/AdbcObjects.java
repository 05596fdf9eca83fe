package io.fsql.tests.flight;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.adbc.core.AdbcConnection;
import org.apache.arrow.adbc.core.AdbcDatabase;
import org.apache.arrow.adbc.core.AdbcDriver;
import org.apache.arrow.adbc.driver.flightsql.FlightSqlDriver;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * ADBC's getObjects, run in a class loader of its own: ADBC's Flight SQL driver reads column types
 * through {@code flight-sql-jdbc-core}'s {@code SqlTypes}, whose class name the shaded Arrow JDBC
 * driver on this module's class path (the engine's remote JDBC driver needs it) also carries with
 * another signature. An application using ADBC alone has only the former, as this loader does.
 * Results come back as JDK values (lists, maps by field name, strings, numbers).
 */
public final class AdbcObjects {

  /** Calls {@link #walk} in a loader of this JVM's class path without the shaded Arrow JDBC driver. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> isolated(String uri, String depth, String catalog, String schema, String table,
      String column) throws Exception {
    List<URL> urls = new ArrayList<>();
    // Surefire starts tests from a manifest-only jar and gives the real class path in this property.
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.isEmpty() && !Path.of(entry).getFileName().toString().startsWith("flight-sql-jdbc-driver")) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      Class<?> c = Class.forName(AdbcObjects.class.getName(), true, loader);
      return (List<Map<String, Object>>) c.getMethod("walk", String.class, String.class, String.class, String.class,
          String.class, String.class).invoke(null, uri, depth, catalog, schema, table, column);
    }
  }

  /** ADBC getObjects at {@code depth} (a GetObjectsDepth name) against {@code uri}, as JDK values. */
  public static List<Map<String, Object>> walk(String uri, String depth, String catalog, String schema, String table,
      String column) throws Exception {
    Map<String, Object> params = new HashMap<>();
    AdbcDriver.PARAM_URI.set(params, uri);
    List<Map<String, Object>> catalogs = new ArrayList<>();
    try (BufferAllocator allocator = new RootAllocator();
        AdbcDatabase db = new FlightSqlDriver(allocator).open(params);
        AdbcConnection c = db.connect();
        ArrowReader r = c.getObjects(AdbcConnection.GetObjectsDepth.valueOf(depth), catalog, schema, table, null,
            column)) {
      while (r.loadNextBatch()) {
        VectorSchemaRoot root = r.getVectorSchemaRoot();
        for (int i = 0; i < root.getRowCount(); i++) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (FieldVector v : root.getFieldVectors()) {
            row.put(v.getName(), plain(v.getObject(i)));
          }
          catalogs.add(row);
        }
      }
    }
    return catalogs;
  }

  private static Object plain(Object o) {
    if (o instanceof org.apache.arrow.vector.util.Text t) {
      return t.toString();
    }
    if (o instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(plain(x)));
      return out;
    }
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k.toString(), plain(v)));
      return out;
    }
    return o;
  }
}
