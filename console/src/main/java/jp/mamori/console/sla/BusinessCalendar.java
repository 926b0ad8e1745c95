package jp.mamori.console.sla;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A chamber's desk hours: opening intervals per weekday in a time zone, closed on Japanese public holidays
 * (unless switched off), over the year-end break (12/29-1/3, unless switched off) and on the chamber's own
 * closed days. Measures business time between two instants and finds the instant a business duration ends.
 */
public final class BusinessCalendar {
  /** A guard against calendars that are never open: no search runs further than this. */
  static final int MAX_DAYS = 3 * 366;

  public record Interval(LocalTime from, LocalTime to) {
    public Interval {
      if (!from.isBefore(to)) {
        throw new IllegalArgumentException("opening interval must end after it starts: " + from + "-" + to);
      }
    }

    static Interval parse(String s) {
      String[] p = s.strip().split("-");
      if (p.length != 2) {
        throw new IllegalArgumentException("opening interval must look like 09:00-17:00, got: " + s);
      }
      try {
        LocalTime to = p[1].strip().equals("24:00") ? LocalTime.MAX : LocalTime.parse(p[1].strip());
        return new Interval(LocalTime.parse(p[0].strip()), to);
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException("opening interval must look like 09:00-17:00, got: " + s);
      }
    }

    @Override
    public String toString() {
      return from + "-" + (to.equals(LocalTime.MAX) ? "24:00" : to.toString());
    }
  }

  private final ZoneId zone;
  private final Map<DayOfWeek, List<Interval>> hours;
  private final boolean publicHolidays;
  private final boolean yearEnd;
  private final Set<LocalDate> closedDays;

  public BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<Interval>> hours, boolean publicHolidays, boolean yearEnd, Set<LocalDate> closedDays) {
    this.zone = zone;
    EnumMap<DayOfWeek, List<Interval>> h = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : DayOfWeek.values()) {
      List<Interval> list = new ArrayList<>(hours.getOrDefault(d, List.of()));
      list.sort((a, b) -> a.from().compareTo(b.from()));
      for (int i = 1; i < list.size(); i++) {
        if (list.get(i).from().isBefore(list.get(i - 1).to())) {
          throw new IllegalArgumentException("opening intervals overlap on " + d + ": " + list.get(i - 1) + " and " + list.get(i));
        }
      }
      h.put(d, List.copyOf(list));
    }
    if (h.values().stream().allMatch(List::isEmpty)) {
      throw new IllegalArgumentException("the desk must be open on at least one weekday");
    }
    this.hours = h;
    this.publicHolidays = publicHolidays;
    this.yearEnd = yearEnd;
    this.closedDays = Set.copyOf(closedDays);
  }

  /** Monday to Friday 9:00-17:00 Japan time, closed on public holidays and 12/29-1/3. */
  public static BusinessCalendar standard() {
    Map<DayOfWeek, List<Interval>> h = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
      h.put(d, List.of(new Interval(LocalTime.of(9, 0), LocalTime.of(17, 0))));
    }
    return new BusinessCalendar(ZoneId.of("Asia/Tokyo"), h, true, true, Set.of());
  }

  public ZoneId zone() {
    return zone;
  }

  /** Why the desk is closed all day, or null when it opens that day. */
  public String closedReason(LocalDate day) {
    if (closedDays.contains(day)) {
      return "closed";
    }
    if (yearEnd && ((day.getMonthValue() == 12 && day.getDayOfMonth() >= 29) || (day.getMonthValue() == 1 && day.getDayOfMonth() <= 3))) {
      return "year-end";
    }
    if (publicHolidays && day.getYear() >= JapaneseHolidays.FIRST_YEAR && day.getYear() <= JapaneseHolidays.LAST_YEAR
        && JapaneseHolidays.isHoliday(day)) {
      return "holiday";
    }
    return hours.get(day.getDayOfWeek()).isEmpty() ? "weekly" : null;
  }

  List<Interval> open(LocalDate day) {
    return closedReason(day) == null ? hours.get(day.getDayOfWeek()) : List.of();
  }

  private Instant at(LocalDate day, LocalTime t) {
    return t.equals(LocalTime.MAX) ? day.plusDays(1).atStartOfDay(zone).toInstant() : ZonedDateTime.of(day, t, zone).toInstant();
  }

  /** Business time in [from, to); zero when to is not after from. */
  public Duration between(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    LocalDate day = from.atZone(zone).toLocalDate();
    LocalDate last = to.atZone(zone).toLocalDate();
    long ms = 0;
    for (; !day.isAfter(last); day = day.plusDays(1)) {
      for (Interval iv : open(day)) {
        Instant a = max(from, at(day, iv.from()));
        Instant b = min(to, at(day, iv.to()));
        if (b.isAfter(a)) {
          ms += b.toEpochMilli() - a.toEpochMilli();
        }
      }
    }
    return Duration.ofMillis(ms);
  }

  /** The instant at which {@code business} of open time has passed after {@code from}. */
  public Instant plus(Instant from, Duration business) {
    long left = business.toMillis();
    LocalDate day = from.atZone(zone).toLocalDate();
    for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
      for (Interval iv : open(day)) {
        Instant a = max(from, at(day, iv.from()));
        Instant b = at(day, iv.to());
        if (!b.isAfter(a)) {
          continue;
        }
        long span = b.toEpochMilli() - a.toEpochMilli();
        if (left <= span) {
          return a.plusMillis(left);
        }
        left -= span;
      }
    }
    throw new IllegalStateException("the desk calendar has no opening hours within " + MAX_DAYS + " days after " + from);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** {zone, hours: {mon: ["09:00-17:00"], ...}, publicHolidays, yearEnd, closedDays: ["2026-08-14", ...]} */
  public JsonObject toJson() {
    JsonObject h = new JsonObject();
    for (DayOfWeek d : DayOfWeek.values()) {
      JsonArray a = new JsonArray();
      hours.get(d).forEach(iv -> a.add(iv.toString()));
      h.put(key(d), a);
    }
    JsonArray closed = new JsonArray();
    new TreeSet<>(closedDays).forEach(d -> closed.add(d.toString()));
    return new JsonObject().put("zone", zone.getId()).put("hours", h).put("publicHolidays", publicHolidays).put("yearEnd", yearEnd)
        .put("closedDays", closed);
  }

  public static BusinessCalendar fromJson(JsonObject j) {
    if (j == null) {
      throw new IllegalArgumentException("calendar must be a JSON object");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(j.getString("zone", "Asia/Tokyo"));
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("zone is not a time zone id: " + j.getValue("zone"));
    }
    JsonObject h = j.getJsonObject("hours");
    if (h == null) {
      throw new IllegalArgumentException("hours is required: {\"mon\": [\"09:00-17:00\"], ...}");
    }
    Map<DayOfWeek, List<Interval>> hours = new EnumMap<>(DayOfWeek.class);
    for (String k : h.fieldNames()) {
      DayOfWeek d = day(k);
      List<Interval> list = new ArrayList<>();
      for (Object o : h.getJsonArray(k, new JsonArray())) {
        list.add(Interval.parse(String.valueOf(o)));
      }
      hours.put(d, list);
    }
    Set<LocalDate> closed = new TreeSet<>();
    for (Object o : j.getJsonArray("closedDays", new JsonArray())) {
      try {
        closed.add(LocalDate.parse(String.valueOf(o)));
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException("closedDays entries must be dates like 2026-08-14, got: " + o);
      }
    }
    if (closed.size() > 400) {
      throw new IllegalArgumentException("at most 400 closed days, got " + closed.size());
    }
    return new BusinessCalendar(zone, hours, j.getBoolean("publicHolidays", true), j.getBoolean("yearEnd", true), closed);
  }

  private static final List<String> KEYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  private static String key(DayOfWeek d) {
    return KEYS.get(d.getValue() - 1);
  }

  private static DayOfWeek day(String k) {
    int i = KEYS.indexOf(k.toLowerCase(Locale.ROOT));
    if (i < 0) {
      throw new IllegalArgumentException("hours keys are mon, tue, wed, thu, fri, sat, sun; got: " + k);
    }
    return DayOfWeek.of(i + 1);
  }
}
