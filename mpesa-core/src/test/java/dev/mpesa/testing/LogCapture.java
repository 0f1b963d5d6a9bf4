package dev.mpesa.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures every log event of the SDK (and OkHttp) at TRACE while open. */
public final class LogCapture implements AutoCloseable {
  private static final String[] LOGGERS = {"dev.mpesa", "okhttp3", "mockwebserver3"};

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final List<Level> previous = new ArrayList<>();

  public LogCapture() {
    appender.start();
    for (String name : LOGGERS) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      previous.add(logger.getLevel());
      logger.setLevel(Level.TRACE);
      logger.setAdditive(false);
      logger.addAppender(appender);
    }
  }

  /** Every captured line: formatted message plus the messages of its throwable chain. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent e : appender.list) {
      StringBuilder sb = new StringBuilder(e.getLevel() + " " + e.getFormattedMessage());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        sb.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
      }
      lines.add(sb.toString());
    }
    return lines;
  }

  public List<String> lines(Level level) {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent e : appender.list) {
      if (e.getLevel() == level) {
        lines.add(e.getFormattedMessage());
      }
    }
    return lines;
  }

  @Override
  public void close() {
    for (int i = 0; i < LOGGERS.length; i++) {
      Logger logger = (Logger) LoggerFactory.getLogger(LOGGERS[i]);
      logger.detachAppender(appender);
      logger.setAdditive(true);
      logger.setLevel(previous.get(i));
    }
    appender.stop();
  }
}
