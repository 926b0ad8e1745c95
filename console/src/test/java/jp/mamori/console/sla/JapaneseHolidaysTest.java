package jp.mamori.console.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Against the Cabinet Office's published lists (内閣府「国民の祝日について」) for 2019-2027 and known rule cases. */
class JapaneseHolidaysTest {

  static List<String> days(int year) {
    return JapaneseHolidays.of(year).keySet().stream().map(d -> String.format("%02d-%02d", d.getMonthValue(), d.getDayOfMonth())).toList();
  }

  @Test
  void publishedListsFor2019To2027() {
    Map<Integer, List<String>> published = Map.of(
        2019, List.of("01-01", "01-14", "02-11", "03-21", "04-29", "04-30", "05-01", "05-02", "05-03", "05-04", "05-05", "05-06", "07-15",
            "08-11", "08-12", "09-16", "09-23", "10-14", "10-22", "11-03", "11-04", "11-23"),
        2020, List.of("01-01", "01-13", "02-11", "02-23", "02-24", "03-20", "04-29", "05-03", "05-04", "05-05", "05-06", "07-23", "07-24",
            "08-10", "09-21", "09-22", "11-03", "11-23"),
        2021, List.of("01-01", "01-11", "02-11", "02-23", "03-20", "04-29", "05-03", "05-04", "05-05", "07-22", "07-23", "08-08", "08-09",
            "09-20", "09-23", "11-03", "11-23"),
        2022, List.of("01-01", "01-10", "02-11", "02-23", "03-21", "04-29", "05-03", "05-04", "05-05", "07-18", "08-11", "09-19", "09-23",
            "10-10", "11-03", "11-23"),
        2023, List.of("01-01", "01-02", "01-09", "02-11", "02-23", "03-21", "04-29", "05-03", "05-04", "05-05", "07-17", "08-11", "09-18",
            "09-23", "10-09", "11-03", "11-23"),
        2024, List.of("01-01", "01-08", "02-11", "02-12", "02-23", "03-20", "04-29", "05-03", "05-04", "05-05", "05-06", "07-15", "08-11",
            "08-12", "09-16", "09-22", "09-23", "10-14", "11-03", "11-04", "11-23"),
        2025, List.of("01-01", "01-13", "02-11", "02-23", "02-24", "03-20", "04-29", "05-03", "05-04", "05-05", "05-06", "07-21", "08-11",
            "09-15", "09-23", "10-13", "11-03", "11-23", "11-24"),
        2026, List.of("01-01", "01-12", "02-11", "02-23", "03-20", "04-29", "05-03", "05-04", "05-05", "05-06", "07-20", "08-11", "09-21",
            "09-22", "09-23", "10-12", "11-03", "11-23"),
        2027, List.of("01-01", "01-11", "02-11", "02-23", "03-21", "03-22", "04-29", "05-03", "05-04", "05-05", "07-19", "08-11", "09-20",
            "09-23", "10-11", "11-03", "11-23"));
    published.forEach((year, expected) -> assertThat(days(year)).as("holidays of " + year).containsExactlyElementsOf(expected));
  }

  @Test
  void namesFollowTheLaw() {
    assertThat(JapaneseHolidays.name(LocalDate.of(2019, 4, 30))).isEqualTo("国民の休日");
    assertThat(JapaneseHolidays.name(LocalDate.of(2019, 5, 1))).isEqualTo("即位の日");
    assertThat(JapaneseHolidays.name(LocalDate.of(2026, 9, 22))).isEqualTo("国民の休日");
    assertThat(JapaneseHolidays.name(LocalDate.of(2026, 5, 6))).isEqualTo("振替休日");
    assertThat(JapaneseHolidays.name(LocalDate.of(2027, 3, 22))).isEqualTo("振替休日");
    assertThat(JapaneseHolidays.name(LocalDate.of(2020, 7, 24))).isEqualTo("スポーツの日");
    assertThat(JapaneseHolidays.name(LocalDate.of(2019, 10, 14))).isEqualTo("体育の日");
    assertThat(JapaneseHolidays.name(LocalDate.of(2018, 12, 23))).isEqualTo("天皇誕生日");
    assertThat(JapaneseHolidays.name(LocalDate.of(2018, 12, 24))).isEqualTo("振替休日");
    assertThat(JapaneseHolidays.name(LocalDate.of(2026, 4, 30))).isNull();
  }

  @Test
  void olderRulesAndEdgeYears() {
    // citizens' holidays in September when Respect-for-the-Aged Day and the equinox leave one day between them
    assertThat(JapaneseHolidays.isHoliday(LocalDate.of(2009, 9, 22))).isTrue();
    assertThat(JapaneseHolidays.isHoliday(LocalDate.of(2015, 9, 22))).isTrue();
    // before 2007, 5/4 was a citizens' holiday; 2008: Greenery Day on Sunday moves past two holidays to Tuesday 5/6
    assertThat(JapaneseHolidays.name(LocalDate.of(2006, 5, 4))).isEqualTo("国民の休日");
    assertThat(JapaneseHolidays.name(LocalDate.of(2008, 5, 6))).isEqualTo("振替休日");
    // happy Monday from 2000 (Coming-of-Age Day) and 2003 (Marine Day, Respect-for-the-Aged Day)
    assertThat(JapaneseHolidays.name(LocalDate.of(2000, 1, 10))).isEqualTo("成人の日");
    assertThat(JapaneseHolidays.name(LocalDate.of(2002, 7, 20))).isEqualTo("海の日");
    assertThat(JapaneseHolidays.name(LocalDate.of(2003, 7, 21))).isEqualTo("海の日");
    assertThat(JapaneseHolidays.name(LocalDate.of(2002, 9, 16))).isEqualTo("振替休日");
    assertThat(JapaneseHolidays.of(2099)).isNotEmpty();
    assertThatThrownBy(() -> JapaneseHolidays.of(1999)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1999");
  }

  @Test
  void everyYearHasTheFixedHolidaysAndNoWeekdayIsDoubleCounted() {
    for (int y = JapaneseHolidays.FIRST_YEAR; y <= JapaneseHolidays.LAST_YEAR; y++) {
      Map<LocalDate, String> h = JapaneseHolidays.of(y);
      assertThat(h).containsKeys(LocalDate.of(y, 1, 1), LocalDate.of(y, 2, 11), LocalDate.of(y, 5, 3), LocalDate.of(y, 5, 5),
          LocalDate.of(y, 11, 3), LocalDate.of(y, 11, 23));
      assertThat(h.keySet().stream().map(LocalDate::getYear).collect(Collectors.toSet())).containsExactly(y);
      assertThat(h.size()).as("holidays in " + y).isBetween(15, 22);
    }
  }
}
