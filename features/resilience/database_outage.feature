@resilience @RES-03 @slow
Feature: Database outage
  When the database goes away in the middle of a run, the run ends cleanly with a reason,
  nothing half-written is left behind, and new runs work once the database is back.

  Scenario: The database goes away mid-analysis, and comes back
    Given an instance of the platform whose link to its database can fail
    And Alice is signed in
    And Alice's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    And she has asked the data analyst for a deep analysis of her usage log
    When its database becomes unreachable once Alice's analysis is under way
    Then Alice's analysis ends with a reason that mentions "storage is unavailable"
    And the platform reports itself unhealthy, with its database down
    When its database is back
    Then nothing half-written of Alice's analysis is left: it is recorded as failed, with exactly the events she saw
    And Alice's next question is answered within 10 seconds of it coming back
    And the platform reports itself healthy again within 10 seconds

  @flaky
  Scenario: Other work deadlocks with the end of an analysis, and the end is recorded once it can be
    The database picks which side of a deadlock to end; on a loaded machine it now and then ends
    the other work instead of the analysis, which leaves the scenario nothing to show: one retry.

    Given Alice's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    And she has asked the data analyst for a deep analysis of her usage log
    When other work holds Alice's analysis in the database once it is under way
    And that work then needs Alice's conversation, which her analysis holds while it waits
    Then Alice's analysis ends with a reason that mentions "storage is unavailable"
    When the other work lets go of it
    Then nothing half-written of Alice's analysis is left: it is recorded as failed, with exactly the events she saw

  Scenario: A catch-up while the database is away is refused with a reason, and works once it is back
    Given an instance of the platform whose link to its database can fail
    And Alice is signed in
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice is told her current spend is $15,000 a month
    When its database becomes unreachable
    And she asks her chat to replay her analysis from the start
    Then Alice is told the catch-up cannot be done right now, and her chat stays open
    And the API tells Alice her conversations cannot be reached right now
    And the API tells Alice her questions cannot be answered right now
    When its database is back
    And she opens another chat and asks it to replay her analysis from the start
    Then the chat replays every event of Alice's analysis, in order, and nothing else
