package dev.mpesa.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems a configuration builder's {@code build()} found, collected so that one exception
 * names every setting to fix at once (a user should not fix them one run at a time).
 */
public final class Problems {
  private final String owner;
  private final List<String> problems = new ArrayList<>();

  /**
   * Starts an empty list.
   *
   * @param owner what is being built, such as {@code MpesaClient}; starts the message
   */
  public Problems(String owner) {
    this.owner = owner;
  }

  /** Records one problem, in plain words naming the setting. */
  public void add(String problem) {
    problems.add(problem);
  }

  /**
   * Records that a required text setting is missing or blank.
   *
   * @param env the environment variable the README reads the setting from, or null
   */
  public void requireText(String value, String name, String env) {
    if (value == null || value.isBlank()) {
      problems.add(
          name
              + (value == null ? " is required" : " is blank")
              + (env == null ? "" : " (the README reads it from " + env + ", which may be unset)"));
    }
  }

  /** Records that a setting with a default was set to null. */
  public void requireSet(Object value, String name) {
    if (value == null) {
      problems.add(name + " must not be null (leave it unset for the default)");
    }
  }

  /** Whether nothing was found. */
  public boolean isEmpty() {
    return problems.isEmpty();
  }

  /**
   * Throws if anything was found.
   *
   * @throws IllegalStateException naming every problem
   */
  public void throwIfAny() {
    if (problems.isEmpty()) {
      return;
    }
    if (problems.size() == 1) {
      throw new IllegalStateException(owner + ": " + problems.get(0));
    }
    StringBuilder message =
        new StringBuilder(owner).append(": ").append(problems.size()).append(" settings to fix:");
    for (String p : problems) {
      message.append("\n  - ").append(p);
    }
    throw new IllegalStateException(message.toString());
  }
}
