package io.fsql.server.flight;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the files of a training dataset read ahead of their clients: the first two files when the
 * FlightInfo is handed out (the second only with {@link #MIN_MEMORY_TWO} of Arrow memory), then,
 * when a client starts reading a file, the file after it. A client that reads the
 * endpoints one after another then finds each file open with its first batch decoded (Arrow's
 * Parquet reader decodes a whole row group and the batches it reads ahead before the first batch),
 * instead of waiting for that at the start of every file. The client cannot avoid that wait for the
 * first file: while one core decodes it and the client idles, the second file is decoded on the
 * other core instead of later, when it competes with the streaming (it pays only when a core is
 * idle meanwhile; see docs/server.md for what was measured). Bounded: at most
 * {@link #MAX_OPEN} files open ahead in the server, none under a small Arrow memory budget; a file
 * nobody fetched is closed after {@link #UNCLAIMED_NANOS}.
 */
final class DatasetFilePrefetch {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetFilePrefetch.class);
  static final int MAX_OPEN = 4;
  /** Below this Arrow memory budget nothing is read ahead (a batch per file would be too much of it). */
  static final long MIN_MEMORY = 256L << 20;
  /** From this Arrow memory budget on, a read's first two files are opened ahead, not only its first. */
  static final long MIN_MEMORY_TWO = 2 * MIN_MEMORY;
  private static final long UNCLAIMED_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** A file of a read: its ticket (the key), what to read, and the file after it in the FlightInfo. */
  record Planned(ByteString handle, String file, String[] columns, Planned next) {}

  private record Ahead(CompletableFuture<DatasetFileStreamer.OpenFile> file, long created) {}

  private final BufferAllocator allocator;
  private final Executor executor;
  private final Map<ByteString, Ahead> ahead = new ConcurrentHashMap<>();
  /** The file after each planned file, by the planned file's handle. */
  private final Map<ByteString, Planned> successors = new ConcurrentHashMap<>();
  private final Map<ByteString, Long> planned = new ConcurrentHashMap<>();

  DatasetFilePrefetch(BufferAllocator allocator, Executor executor) {
    this.allocator = allocator;
    this.executor = executor;
  }

  /** A read's files in endpoint order: remembers their order and opens the first (two) ahead. */
  void plan(List<Planned> files) {
    if (files.isEmpty() || allocator.getLimit() < MIN_MEMORY) {
      return;
    }
    long now = System.nanoTime();
    for (Planned f : files) {
      if (f.next() != null) {
        successors.put(f.handle(), f.next());
        planned.put(f.handle(), now);
      }
    }
    start(files.get(0));
    if (files.size() > 1 && allocator.getLimit() >= MIN_MEMORY_TWO) {
      start(files.get(1));
    }
  }

  /**
   * The file of {@code handle} if it was opened ahead (the caller owns it then: it waits for the
   * opening and closes it), else null; either way the file after it starts opening ahead.
   */
  CompletableFuture<DatasetFileStreamer.OpenFile> claim(ByteString handle) {
    Planned next = successors.remove(handle);
    planned.remove(handle);
    if (next != null) {
      start(next);
    }
    Ahead a = ahead.remove(handle);
    return a == null ? null : a.file();
  }

  private void start(Planned f) {
    if (ahead.size() >= MAX_OPEN || ahead.containsKey(f.handle())) {
      return;
    }
    CompletableFuture<DatasetFileStreamer.OpenFile> future = new CompletableFuture<>();
    if (ahead.putIfAbsent(f.handle(), new Ahead(future, System.nanoTime())) != null) {
      return;
    }
    try {
      executor.execute(() -> {
        DatasetFileStreamer.OpenFile open = null;
        try {
          open = DatasetFileStreamer.OpenFile.open(f.file(), f.columns(), allocator);
          open.readAhead();
          future.complete(open);
        } catch (Exception | Error e) {
          if (open != null) {
            open.close();
          }
          future.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      ahead.remove(f.handle());
      future.completeExceptionally(e);
    }
  }

  /** Closes files opened ahead that nobody fetched in time, and forgets old plans. */
  void sweep() {
    long now = System.nanoTime();
    ahead.entrySet().removeIf(e -> {
      if (now - e.getValue().created() > UNCLAIMED_NANOS) {
        closeWhenOpen(e.getValue().file());
        return true;
      }
      return false;
    });
    planned.entrySet().removeIf(e -> {
      if (now - e.getValue() > UNCLAIMED_NANOS) {
        successors.remove(e.getKey());
        return true;
      }
      return false;
    });
  }

  int open() {
    return ahead.size();
  }

  void close() {
    ahead.values().forEach(a -> closeWhenOpen(a.file()));
    ahead.clear();
    successors.clear();
    planned.clear();
  }

  private static void closeWhenOpen(CompletableFuture<DatasetFileStreamer.OpenFile> file) {
    file.whenComplete((f, e) -> {
      if (f != null) {
        try {
          f.close();
        } catch (RuntimeException x) {
          LOG.debug("closing a file read ahead", x);
        }
      }
    });
  }
}
