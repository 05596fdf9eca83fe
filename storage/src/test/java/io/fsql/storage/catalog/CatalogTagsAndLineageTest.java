package io.fsql.storage.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsql.planner.catalog.CatalogKind;
import io.fsql.planner.catalog.Column;
import io.fsql.planner.catalog.ColumnType;
import io.fsql.planner.catalog.FeatureGroup;
import io.fsql.planner.catalog.FeatureView;
import io.fsql.planner.catalog.LineageEdge;
import io.fsql.planner.catalog.ObjectRef;
import io.fsql.planner.catalog.ObjectTag;
import io.fsql.sql.tree.DataType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Column replacement, tags and lineage in the H2 catalog: durable, and forgotten with their object. */
class CatalogTagsAndLineageTest {
  @TempDir
  Path tmp;

  private static FeatureGroup group(String name) {
    return new FeatureGroup(0, name, 1,
        List.of(new Column("k", ColumnType.of(DataType.Kind.BIGINT), false, null),
            new Column("v", ColumnType.of(DataType.Kind.INTEGER), true, "a value")),
        List.of("k"), Optional.empty(), false, "", Map.of(), List.of(), null, null);
  }

  @Test
  void columnsAreReplacedKeepingTheKey() {
    try (H2CatalogStore store = H2CatalogStore.open(tmp)) {
      FeatureGroup g = store.createGroup(group("g"), (n, v, id) -> "file:/x/" + id);
      List<Column> evolved = List.of(g.columns().get(0),
          new Column("v", ColumnType.of(DataType.Kind.BIGINT), true, "widened"),
          new Column("w", ColumnType.decimal(12, 2), true, null));
      store.replaceColumns(new FeatureGroup(g.id(), g.name(), g.version(), evolved, g.primaryKey(),
          g.eventTime(), g.online(), g.description(), g.properties(), g.expectations(), g.createdAt(),
          g.location()));
    }
    try (H2CatalogStore store = H2CatalogStore.open(tmp)) {
      FeatureGroup g = store.findGroup("g", OptionalInt.empty()).orElseThrow();
      assertThat(g.columns()).extracting(c -> c.name() + " " + c.type() + " " + c.comment())
          .containsExactly("k BIGINT null", "v BIGINT widened", "w DECIMAL(12,2) null");
      assertThat(g.primaryKey()).containsExactly("k");
    }
  }

  @Test
  void tagsAreSetReplacedUnsetAndDroppedWithTheirObject() {
    try (H2CatalogStore store = H2CatalogStore.open(tmp)) {
      FeatureGroup g = store.createGroup(group("g"), (n, v, id) -> "file:/x/" + id);
      FeatureGroup h = store.createGroup(group("h"), (n, v, id) -> "file:/x/" + id);
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("pii", null);
      tags.put("team", "fraud");
      store.setTags(CatalogKind.GROUP, g.id(), "", tags);
      store.setTags(CatalogKind.GROUP, g.id(), "v", Map.of("unit", "EUR"));
      store.setTags(CatalogKind.GROUP, h.id(), "", Map.of("team", "risk"));
      store.setTags(CatalogKind.GROUP, g.id(), "", Map.of("team", "growth"));
      store.unsetTags(CatalogKind.GROUP, g.id(), "", List.of("pii", "absent"));
      assertThat(store.listTags()).containsExactly(
          new ObjectTag(CatalogKind.GROUP, g.id(), "", "team", "growth"),
          new ObjectTag(CatalogKind.GROUP, g.id(), "v", "unit", "EUR"),
          new ObjectTag(CatalogKind.GROUP, h.id(), "", "team", "risk"));
      store.dropGroup(g.id());
      assertThat(store.listTags()).containsExactly(new ObjectTag(CatalogKind.GROUP, h.id(), "", "team", "risk"));
    }
  }

  @Test
  void readsAreRecordedReplacedAndForgottenWithTheReader() {
    try (H2CatalogStore store = H2CatalogStore.open(tmp)) {
      FeatureGroup g = store.createGroup(group("g"), (n, v, id) -> "file:/x/" + id);
      FeatureGroup h = store.createGroup(group("h"), (n, v, id) -> "file:/x/" + id);
      FeatureView v = store.createView(new FeatureView(0, "v", 1, "", "SELECT 1", null));
      store.recordSources(ObjectRef.of(v), List.of(ObjectRef.of(g)));
      store.recordSources(ObjectRef.of(v), List.of(ObjectRef.of(g), ObjectRef.of(h)));
      assertThat(store.listLineage()).containsExactly(
          new LineageEdge(ObjectRef.of(v), ObjectRef.of(g)), new LineageEdge(ObjectRef.of(v), ObjectRef.of(h)));
    }
    try (H2CatalogStore store = H2CatalogStore.open(tmp)) {
      assertThat(store.listLineage()).hasSize(2);
      store.dropView(store.findView("v", OptionalInt.empty()).orElseThrow().id());
      assertThat(store.listLineage()).isEmpty();
    }
  }
}
