package dev.mpesa.pull;

import dev.mpesa.internal.Checks;
import dev.mpesa.internal.ClientContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * A Pull Transactions query: the C2B payments a registered short code received in a period.
 *
 * <p>Build with {@link #builder()}. Dates are East Africa Time (Africa/Nairobi), the time M-Pesa
 * keeps, and are sent to the second as {@code yyyy-MM-dd HH:mm:ss}; the builder also takes {@link
 * Instant}s and converts them. Daraja keeps the last 48 hours only: earlier payments are not
 * returned. Results come in pages: {@link #offset()} is the number of rows to skip (a row offset,
 * not a page number).
 *
 * <p>The constructor checks: a short code of 5 to 8 digits, both dates present, the start not after
 * the end, and an offset of at least 0.
 *
 * @param shortCode the registered short code ({@code ShortCode})
 * @param startDate start of the period, Nairobi time ({@code StartDate}); fractions of a second are
 *     dropped
 * @param endDate end of the period, Nairobi time ({@code EndDate}); fractions of a second are
 *     dropped
 * @param offset rows to skip ({@code OffSetValue}), 0 for the first page
 */
public record PullQueryRequest(
    String shortCode, LocalDateTime startDate, LocalDateTime endDate, long offset) {

  /** Validates the request and drops fractions of a second; see the class documentation. */
  public PullQueryRequest {
    Checks.digits("shortCode", shortCode, 5, 8);
    Checks.required(startDate, "startDate is required");
    Checks.required(endDate, "endDate is required");
    startDate = startDate.truncatedTo(ChronoUnit.SECONDS);
    endDate = endDate.truncatedTo(ChronoUnit.SECONDS);
    if (startDate.isAfter(endDate)) {
      throw new IllegalArgumentException("startDate " + startDate + " is after endDate " + endDate);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be 0 or more rows, got " + offset);
    }
  }

  /** A builder with no fields set and offset 0. */
  public static Builder builder() {
    return new Builder();
  }

  /** The same query for the page that starts {@code offset} rows in. */
  public PullQueryRequest withOffset(long offset) {
    return new PullQueryRequest(shortCode, startDate, endDate, offset);
  }

  /** Builds a {@link PullQueryRequest}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private String shortCode;
    private LocalDateTime startDate;
    private LocalDateTime endDate;
    private long offset;

    private Builder() {}

    /** The registered short code, 5 to 8 digits. */
    public Builder shortCode(String shortCode) {
      this.shortCode = shortCode;
      return this;
    }

    /** Start of the period, in Nairobi time. */
    public Builder startDate(LocalDateTime startDate) {
      this.startDate = startDate;
      return this;
    }

    /** Start of the period, converted to Nairobi time. */
    public Builder startDate(Instant startDate) {
      this.startDate = nairobi(startDate, "startDate");
      return this;
    }

    /** End of the period, in Nairobi time. */
    public Builder endDate(LocalDateTime endDate) {
      this.endDate = endDate;
      return this;
    }

    /** End of the period, converted to Nairobi time. */
    public Builder endDate(Instant endDate) {
      this.endDate = nairobi(endDate, "endDate");
      return this;
    }

    /** Rows to skip, 0 (the default) for the first page. */
    public Builder offset(long offset) {
      this.offset = offset;
      return this;
    }

    private static LocalDateTime nairobi(Instant instant, String field) {
      Checks.required(instant, field + " is required");
      return LocalDateTime.ofInstant(instant, ClientContext.NAIROBI);
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public PullQueryRequest build() {
      return new PullQueryRequest(shortCode, startDate, endDate, offset);
    }
  }
}
