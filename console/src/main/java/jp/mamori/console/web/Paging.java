package jp.mamori.console.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jp.mamori.common.Jdbc;

/**
 * Pages of the API's lists: {@code ?limit=} (default {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}) and
 * {@code ?cursor=}, taken from the previous page's {@code Link: <...>; rel="next"} header (no header: last page).
 * The cursor holds the sort key of the last row served, so a page costs the same however deep it is and rows
 * added meanwhile do not shift the pages after it.
 */
public final class Paging {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 500;

  private Paging() {}

  /** At most {@code limit} rows after the sort key {@code after} (empty: from the start). */
  public record Page(int limit, JsonArray after) {
    public boolean first() {
      return after.isEmpty();
    }

    /** The query's LIMIT: one row more than served tells whether there is a next page. */
    public int fetch() {
      return limit + 1;
    }

    /**
     * {@code "AND (columns) > (?, ...) "} (or {@code <} for a descending order) with the cursor's values added to
     * {@code params}; empty on the first page. {@code columns} are the ORDER BY columns, unique together.
     */
    public String after(String columns, boolean descending, List<Object> params) {
      if (after.isEmpty()) {
        return "";
      }
      for (int i = 0; i < after.size(); i++) {
        params.add(after.getValue(i));
      }
      return "AND (" + columns + ") " + (descending ? "<" : ">") + " (" + Jdbc.marks(after.size()) + ") ";
    }
  }

  /** The page a request asks for; {@code keyTypes} are the classes of the sort key's parts (a cursor of another shape is refused). */
  public static Page of(RoutingContext ctx, Class<?>... keyTypes) {
    int limit = limit(ctx);
    String cursor = ctx.request().getParam("cursor");
    if (cursor == null || cursor.isBlank()) {
      return new Page(limit, new JsonArray());
    }
    JsonArray key = decode(cursor);
    if (key == null || !shaped(key, keyTypes)) {
      throw ApiError.badRequest("cursor is not one this list handed out (take it from the Link header): " + cursor);
    }
    return new Page(limit, key);
  }

  private static JsonArray decode(String cursor) {
    try {
      return new JsonArray(new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException e) {
      return null;
    }
  }

  private static boolean shaped(JsonArray key, Class<?>... keyTypes) {
    if (key.size() != keyTypes.length) {
      return false;
    }
    for (int i = 0; i < keyTypes.length; i++) {
      Object v = key.getValue(i);
      if (!(keyTypes[i] == Long.class ? v instanceof Number : keyTypes[i].isInstance(v))) {
        return false;
      }
    }
    return true;
  }

  /** {@code ?limit=}: the default when absent, 400 outside 1..{@value #MAX_LIMIT}. */
  public static int limit(RoutingContext ctx) {
    Long limit = Http.queryLong(ctx, "limit");
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiError.badRequest("limit must be 1-" + MAX_LIMIT + ", got " + limit);
    }
    return limit.intValue();
  }

  /**
   * What to answer from rows fetched with {@link Page#fetch()}: at most the page's limit, and when more rows
   * exist a {@code Link} header to the next page (same query, the cursor of the last row served).
   */
  public static <T> List<T> serve(RoutingContext ctx, Page page, List<T> rows, Function<T, JsonArray> keyOf) {
    if (rows.size() <= page.limit()) {
      return rows;
    }
    List<T> served = rows.subList(0, page.limit());
    link(ctx, nextUrl(ctx, served.get(served.size() - 1), keyOf));
    return served;
  }

  /** The URL of the page after the one that ends with {@code last}. */
  public static <T> String nextUrl(RoutingContext ctx, T last, Function<T, JsonArray> keyOf) {
    return nextUrl(ctx, Map.of("cursor", cursor(keyOf.apply(last))));
  }

  /** The cursor for a sort key. */
  public static String cursor(JsonArray key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** Sets {@code Link: <this path with the query changed>; rel="next"}. */
  public static void next(RoutingContext ctx, Map<String, String> changed) {
    link(ctx, nextUrl(ctx, changed));
  }

  private static void link(RoutingContext ctx, String url) {
    ctx.response().putHeader("Link", "<" + url + ">; rel=\"next\"");
  }

  /** This request's path and query with some parameters changed (pages link to their next page with it). */
  public static String nextUrl(RoutingContext ctx, Map<String, String> changed) {
    StringBuilder url = new StringBuilder(ctx.request().path());
    char sep = '?';
    for (Map.Entry<String, String> e : ctx.queryParams()) {
      if (!changed.containsKey(e.getKey())) {
        url.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
        sep = '&';
      }
    }
    for (Map.Entry<String, String> e : changed.entrySet()) {
      url.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
      sep = '&';
    }
    return url.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
