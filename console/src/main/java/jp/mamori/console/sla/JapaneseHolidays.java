package jp.mamori.console.sla;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Japanese public holidays (国民の祝日に関する法律) computed from the rules, 2000-2099: fixed days, the happy-Monday
 * days, equinox days from the astronomical approximation, the one-off days of 2019-2021, substitute holidays
 * (振替休日: a holiday on Sunday moves to the next day that is not a holiday; before 2007 to the Monday) and
 * citizens' holidays (国民の休日: a day between two holidays).
 */
public final class JapaneseHolidays {
  public static final int FIRST_YEAR = 2000;
  public static final int LAST_YEAR = 2099;
  private static final Map<Integer, Map<LocalDate, String>> CACHE = new ConcurrentHashMap<>();

  private JapaneseHolidays() {}

  public static boolean isHoliday(LocalDate day) {
    return of(day.getYear()).containsKey(day);
  }

  /** The holiday's Japanese name, or null on a normal day. */
  public static String name(LocalDate day) {
    return of(day.getYear()).get(day);
  }

  /** All holidays of a year, in date order, with their Japanese names. */
  public static Map<LocalDate, String> of(int year) {
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      throw new IllegalArgumentException("Japanese holidays are computed for " + FIRST_YEAR + "-" + LAST_YEAR + ", not " + year);
    }
    return CACHE.computeIfAbsent(year, JapaneseHolidays::compute);
  }

  private static Map<LocalDate, String> compute(int y) {
    TreeMap<LocalDate, String> law = new TreeMap<>();
    law.put(LocalDate.of(y, 1, 1), "元日");
    law.put(nthMonday(y, Month.JANUARY, 2), "成人の日");
    law.put(LocalDate.of(y, 2, 11), "建国記念の日");
    if (y >= 2020) {
      law.put(LocalDate.of(y, 2, 23), "天皇誕生日");
    } else if (y <= 2018) {
      law.put(LocalDate.of(y, 12, 23), "天皇誕生日");
    }
    law.put(LocalDate.of(y, 3, vernalEquinox(y)), "春分の日");
    law.put(LocalDate.of(y, 4, 29), y >= 2007 ? "昭和の日" : "みどりの日");
    law.put(LocalDate.of(y, 5, 3), "憲法記念日");
    if (y >= 2007) {
      law.put(LocalDate.of(y, 5, 4), "みどりの日");
    }
    law.put(LocalDate.of(y, 5, 5), "こどもの日");
    if (y == 2020) {
      law.put(LocalDate.of(y, 7, 23), "海の日");
    } else if (y == 2021) {
      law.put(LocalDate.of(y, 7, 22), "海の日");
    } else if (y >= 2003) {
      law.put(nthMonday(y, Month.JULY, 3), "海の日");
    } else {
      law.put(LocalDate.of(y, 7, 20), "海の日");
    }
    if (y == 2020) {
      law.put(LocalDate.of(y, 8, 10), "山の日");
    } else if (y == 2021) {
      law.put(LocalDate.of(y, 8, 8), "山の日");
    } else if (y >= 2016) {
      law.put(LocalDate.of(y, 8, 11), "山の日");
    }
    law.put(y >= 2003 ? nthMonday(y, Month.SEPTEMBER, 3) : LocalDate.of(y, 9, 15), "敬老の日");
    law.put(LocalDate.of(y, 9, autumnalEquinox(y)), "秋分の日");
    if (y == 2020) {
      law.put(LocalDate.of(y, 7, 24), "スポーツの日");
    } else if (y == 2021) {
      law.put(LocalDate.of(y, 7, 23), "スポーツの日");
    } else {
      law.put(nthMonday(y, Month.OCTOBER, 2), y >= 2020 ? "スポーツの日" : "体育の日");
    }
    law.put(LocalDate.of(y, 11, 3), "文化の日");
    law.put(LocalDate.of(y, 11, 23), "勤労感謝の日");
    if (y == 2019) {
      law.put(LocalDate.of(y, 5, 1), "即位の日");
      law.put(LocalDate.of(y, 10, 22), "即位礼正殿の儀の行われる日");
    }

    TreeMap<LocalDate, String> all = new TreeMap<>(law);
    // 国民の休日: a day that is not itself a holiday, between two holidays under the law (never a Sunday before 2007)
    for (LocalDate d : law.keySet()) {
      LocalDate between = d.plusDays(1);
      if (law.containsKey(between.plusDays(1)) && !law.containsKey(between)
          && (y >= 2007 || between.getDayOfWeek() != DayOfWeek.SUNDAY)) {
        all.put(between, "国民の休日");
      }
    }
    // 振替休日
    for (LocalDate d : law.keySet()) {
      if (d.getDayOfWeek() != DayOfWeek.SUNDAY) {
        continue;
      }
      LocalDate sub = d.plusDays(1);
      if (y >= 2007) {
        while (law.containsKey(sub)) {
          sub = sub.plusDays(1);
        }
      } else if (law.containsKey(sub)) {
        continue;
      }
      all.putIfAbsent(sub, "振替休日");
    }
    all.keySet().removeIf(d -> d.getYear() != y);
    return Collections.unmodifiableMap(all);
  }

  private static LocalDate nthMonday(int year, Month month, int n) {
    return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, DayOfWeek.MONDAY));
  }

  /** Day of March, from the approximation the National Astronomical Observatory's announcements follow for 1980-2099. */
  static int vernalEquinox(int y) {
    return (int) Math.floor(20.8431 + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4.0));
  }

  static int autumnalEquinox(int y) {
    return (int) Math.floor(23.2488 + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4.0));
  }
}
