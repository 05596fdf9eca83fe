package io.fsql.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {
  @Test
  void computesAMissingValueOnceAndKeepsIt() {
    BoundedCache<String, String> cache = new BoundedCache<>(4);
    AtomicInteger computed = new AtomicInteger();
    assertThat(cache.get("a", () -> "A" + computed.incrementAndGet())).isEqualTo("A1");
    assertThat(cache.get("a", () -> "A" + computed.incrementAndGet())).isEqualTo("A1");
    assertThat(computed).hasValue(1);
    assertThat(cache.get("b")).isNull();
  }

  @Test
  void forgetsTheLeastRecentlyUsedEntryWhenFull() {
    BoundedCache<Integer, Integer> cache = new BoundedCache<>(3);
    cache.put(1, 10);
    cache.put(2, 20);
    cache.put(3, 30);
    assertThat(cache.get(1)).isEqualTo(10); // 1 is now the most recently used; 2 the least
    cache.put(4, 40);
    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.get(2)).isNull();
    assertThat(cache.get(1)).isEqualTo(10);
    assertThat(cache.get(3)).isEqualTo(30);
    assertThat(cache.get(4)).isEqualTo(40);
  }

  @Test
  void aFailedComputationKeepsNothing() {
    BoundedCache<String, String> cache = new BoundedCache<>(2);
    assertThatThrownBy(() -> cache.get("x", () -> {
      throw new IllegalStateException("footer unreadable");
    })).hasMessage("footer unreadable");
    assertThat(cache.size()).isZero();
    assertThat(cache.get("x", () -> "X")).isEqualTo("X");
  }

  @Test
  void refusesACapacityBelowOne() {
    assertThatThrownBy(() -> new BoundedCache<String, String>(0))
        .hasMessage("a cache holds at least one entry, not 0");
  }
}
