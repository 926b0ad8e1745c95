package jp.mamori.console.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
  static final ZoneId JST = ZoneId.of("Asia/Tokyo");
  final BusinessCalendar cal = BusinessCalendar.standard();

  static Instant jst(int y, int m, int d, int h, int min) {
    return ZonedDateTime.of(y, m, d, h, min, 0, 0, JST).toInstant();
  }

  @Test
  void countsOnlyOpeningHours() {
    // Friday 16:00 to Monday 10:00: one hour on Friday, one on Monday
    assertThat(cal.between(jst(2026, 11, 20, 16, 0), jst(2026, 11, 24, 10, 0)))
        .as("Monday 11/23 is 勤労感謝の日, so Tuesday 9-10 counts").isEqualTo(Duration.ofHours(2));
    assertThat(cal.between(jst(2026, 11, 13, 16, 0), jst(2026, 11, 16, 10, 0))).isEqualTo(Duration.ofHours(2));
    assertThat(cal.between(jst(2026, 11, 16, 7, 0), jst(2026, 11, 16, 8, 0))).isZero();
    assertThat(cal.between(jst(2026, 11, 16, 12, 0), jst(2026, 11, 16, 11, 0))).isZero();
  }

  @Test
  void plusSkipsNightsWeekendsHolidaysAndYearEnd() {
    // a 60-minute target from Friday 16:30 ends Monday 9:30
    assertThat(cal.plus(jst(2026, 11, 13, 16, 30), Duration.ofMinutes(60))).isEqualTo(jst(2026, 11, 16, 9, 30));
    // from the Friday before 勤労感謝の日 (Mon 11/23): Tuesday
    assertThat(cal.plus(jst(2026, 11, 20, 16, 30), Duration.ofMinutes(60))).isEqualTo(jst(2026, 11, 24, 9, 30));
    // Golden Week 2026: 4/29 Wed, 5/3-5/6 (5/6 is a substitute holiday); Thursday 4/30 and Friday 5/1 are open
    assertThat(cal.plus(jst(2026, 5, 1, 16, 0), Duration.ofHours(2))).isEqualTo(jst(2026, 5, 7, 10, 0));
    // Silver Week 2026: 9/21 敬老の日, 9/22 国民の休日, 9/23 秋分の日
    assertThat(cal.plus(jst(2026, 9, 18, 17, 0), Duration.ofMinutes(1))).isEqualTo(jst(2026, 9, 24, 9, 1));
    // year-end break 12/29-1/3, then the weekend of 1/2-1/3 2027... the desk opens Monday 1/4
    assertThat(cal.plus(jst(2026, 12, 28, 16, 0), Duration.ofHours(2))).isEqualTo(jst(2027, 1, 4, 10, 0));
    assertThat(cal.closedReason(LocalDate.of(2026, 12, 30))).isEqualTo("year-end");
    assertThat(cal.closedReason(LocalDate.of(2026, 11, 23))).isEqualTo("holiday");
    assertThat(cal.closedReason(LocalDate.of(2026, 11, 22))).isEqualTo("weekly");
    assertThat(cal.closedReason(LocalDate.of(2026, 11, 24))).isNull();
  }

  @Test
  void plusAndBetweenAgree() {
    Instant start = jst(2026, 4, 27, 11, 17);
    for (int minutes : new int[] {1, 59, 480, 481, 2400, 10_000}) {
      Instant end = cal.plus(start, Duration.ofMinutes(minutes));
      assertThat(cal.between(start, end)).as(minutes + " minutes").isEqualTo(Duration.ofMinutes(minutes));
    }
  }

  @Test
  void chamberSpecificHoursAndClosedDaysFromJson() {
    JsonObject j = new JsonObject().put("zone", "Asia/Tokyo")
        .put("hours", new JsonObject().put("mon", new JsonArray().add("09:00-12:00").add("13:00-17:30")).put("sat", new JsonArray().add("10:00-12:00")))
        .put("publicHolidays", true).put("yearEnd", false).put("closedDays", new JsonArray().add("2026-08-14"));
    BusinessCalendar c = BusinessCalendar.fromJson(j);
    // Monday 8/10 2026 is 山の日 (8/11 is Tuesday; 8/10 is open), lunch break excluded
    assertThat(c.between(jst(2026, 8, 10, 11, 0), jst(2026, 8, 10, 14, 0))).isEqualTo(Duration.ofHours(2));
    assertThat(c.closedReason(LocalDate.of(2026, 8, 14))).isEqualTo("closed");
    // half an hour left on Monday (until 17:30), the rest on Saturday 8/15
    assertThat(c.plus(jst(2026, 8, 10, 17, 0), Duration.ofHours(1))).isEqualTo(jst(2026, 8, 15, 10, 30));
    assertThat(BusinessCalendar.fromJson(c.toJson()).toJson()).isEqualTo(c.toJson());
  }

  @Test
  void badCalendarsAreRefusedWithClearMessages() {
    assertThatThrownBy(() -> BusinessCalendar.fromJson(new JsonObject().put("hours", new JsonObject())))
        .hasMessageContaining("at least one weekday");
    assertThatThrownBy(() -> BusinessCalendar.fromJson(new JsonObject().put("hours", new JsonObject().put("mon", new JsonArray().add("17:00-09:00")))))
        .hasMessageContaining("17:00-09:00");
    assertThatThrownBy(() -> BusinessCalendar.fromJson(new JsonObject().put("hours", new JsonObject().put("funday", new JsonArray()))))
        .hasMessageContaining("funday");
    assertThatThrownBy(() -> BusinessCalendar.fromJson(new JsonObject().put("zone", "Mars/Olympus").put("hours", new JsonObject())))
        .hasMessageContaining("Mars/Olympus");
    assertThatThrownBy(() -> BusinessCalendar.fromJson(new JsonObject().put("hours", new JsonObject().put("mon", new JsonArray().add("09:00-12:00").add("11:00-13:00")))))
        .hasMessageContaining("overlap");
  }
}
