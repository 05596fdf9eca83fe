package io.fsql.server.flight;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The server's users: one per line, {@code name:pbkdf2-sha256:iterations:salt:hash} (salt and hash
 * in Base64). Blank lines and lines starting with {@code #} are ignored.
 */
public final class UsersFile {
  private static final String ALGORITHM = "pbkdf2-sha256";
  private static final int ITERATIONS = 210_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

  private record Entry(int iterations, byte[] salt, byte[] hash) {}

  private final Map<String, Entry> users;

  private UsersFile(Map<String, Entry> users) {
    this.users = users;
  }

  /** Reads a users file; a malformed line is an error naming the file and line. */
  public static UsersFile read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the users file " + file + ": " + e.getMessage(), e);
    }
    Map<String, Entry> users = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(":");
      try {
        if (parts.length != 5 || !ALGORITHM.equals(parts[1]) || !NAME.matcher(parts[0]).matches()) {
          throw new IllegalArgumentException("bad format");
        }
        users.put(parts[0], new Entry(Integer.parseInt(parts[2]),
            Base64.getDecoder().decode(parts[3]), Base64.getDecoder().decode(parts[4])));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("users file " + file + " line " + (i + 1)
            + ": expected 'name:" + ALGORITHM + ":iterations:salt:hash' (add users with 'fsql users add')");
      }
    }
    if (users.isEmpty()) {
      throw new IllegalArgumentException("the users file " + file + " has no users (add one with 'fsql users add')");
    }
    return new UsersFile(users);
  }

  /** Whether {@code password} is the password of {@code user}; takes as long for unknown users. */
  public boolean verify(String user, String password) {
    Entry e = users.get(user);
    Entry probe = e != null ? e : new Entry(ITERATIONS, new byte[SALT_BYTES], new byte[HASH_BITS / 8]);
    byte[] hash = hash(password, probe.salt(), probe.iterations(), probe.hash().length * 8);
    return MessageDigest.isEqual(hash, probe.hash()) && e != null;
  }

  public int size() {
    return users.size();
  }

  /** The line for a new user with a random salt. */
  public static String line(String user, String password) {
    if (!NAME.matcher(user).matches()) {
      throw new IllegalArgumentException("user names are 1 to 64 letters, digits, '_', '.', '@' or '-': " + user);
    }
    if (password.isEmpty()) {
      throw new IllegalArgumentException("the password is empty");
    }
    byte[] salt = new byte[SALT_BYTES];
    new SecureRandom().nextBytes(salt);
    byte[] hash = hash(password, salt, ITERATIONS, HASH_BITS);
    Base64.Encoder b64 = Base64.getEncoder();
    return user + ":" + ALGORITHM + ":" + ITERATIONS + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(hash);
  }

  /** Appends a user to a users file (created if absent); an error if the user is already there. */
  public static void add(Path file, String user, String password) {
    try {
      if (Files.exists(file)) {
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (l.startsWith(user + ":")) {
            throw new IllegalArgumentException("user '" + user + "' is already in " + file);
          }
        }
      }
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, line(user, password) + System.lineSeparator(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write the users file " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] hash(String password, byte[] salt, int iterations, int bits) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, bits);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    }
  }
}
