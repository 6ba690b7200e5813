@realtime @RT-04 @fast
Feature: Ordering of updates
  Each run numbers its updates from 1, one by one. Questions asked one after another on the same
  chat each complete in turn.

  Scenario: Three questions in a row on one chat each complete in order
    Given Alice is signed in
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens 3 times, one after another, on the same chat
    Then each of Alice's runs completed before the next began, numbering its events from 1 without a gap

  @redis
  Scenario: Updates that come while a catch-up waits on the database follow it, none of them twice
    Given a second instance of the platform sharing the same stores, whose link to its database can fail
    And Alice's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    And she has asked the data analyst for a deep analysis of her usage log
    When its database stops answering once Alice's analysis is under way
    And she opens a chat connection on the second instance and catches up on the analysis
    And Alice's analysis moves on by 2 updates
    And its database is back
    Then that connection receives every event of the analysis exactly once, in order
