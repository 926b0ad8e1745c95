package jp.mamori.console;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import jp.mamori.console.auth.Role;
import jp.mamori.console.auth.Tokens;
import jp.mamori.console.auth.Users;

/**
 * First start of an empty console: creates the operator account with a random password written once to
 * {@code <data>/initial-admin-password} (mode 0600), so nobody ships a default password.
 */
public final class Bootstrap {
  public static final String OPERATOR_EMAIL = "admin@mamori.local";

  private Bootstrap() {}

  /** Completes with the password file when an operator was created, or null when accounts exist. */
  public static Future<Path> ensureOperator(Services s, Path dataDir) {
    return s.db().read(c -> s.users().count(c)).compose(n -> {
      if (n > 0) {
        return Future.succeededFuture(null);
      }
      String password = Tokens.random("").substring(0, 20);
      return s.hashing().executeBlocking(() -> s.users().hash(password), false)
          .compose(hash -> s.db().write(c -> s.users().create(c,
              new Users.NewUser(OPERATOR_EMAIL, "Operator", password, Role.OPERATOR, Set.of(), null), hash)))
          .compose(id -> s.vertx().executeBlocking(() -> {
            Path file = dataDir.resolve("initial-admin-password");
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, OPERATOR_EMAIL + "\n" + password + "\n", StandardCharsets.UTF_8);
            return file;
          }));
    });
  }
}
