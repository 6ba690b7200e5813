@incidents @INC-07 @fault-injection
Feature: Connection pool exhaustion
  When every database connection is busy, work waits its turn for a connection, for a bounded
  time: what a connection comes free for in time is served, all of it, even when there is more
  work than connections; what would have to wait longer is refused as the database being busy,
  so that nothing hangs. Once connections come free, the platform serves normally by itself.

  Background:
    Given an instance of the platform with 3 database connections, that waits at most 1 second for one to be free

  @fast @flaky
  Scenario: More work than connections waits its turn and is all served, once a connection comes free in time
    On a machine busy past its cores the hold can be mostly over before Alice's requests reach the
    platform, and Bob's answer slow enough to come after hers, which leaves nothing to show: one retry.

    Given Alice has a conversation titled "Budget review"
    And Bob is signed in
    When every database connection Alice's work could use is busy for 800 milliseconds
    And Alice asks for her conversations 5 times at once, while Bob asks for his once
    Then every one of Alice's requests is served once a connection comes free, each later than Bob's

  @fast
  Scenario: Work left one connection by a lasting hold is served on it, one request after another
    Given Alice has a conversation titled "Budget review"
    And Bob is signed in
    When all but one of the database connections Alice's work could use are busy for 4 seconds
    And Alice asks for her conversations 5 times at once, while Bob asks for his once
    Then every one of Alice's requests is served on the one connection left, one after another

  @slow
  Scenario: Work that would wait longer than the platform waits is refused as busy while others are served, and is served once connections come free
    Given Alice has a conversation titled "Budget review"
    And she has a chat connection open
    And Bob is signed in
    When every database connection Alice's work could use is busy for 4 seconds
    Then Alice is told the database is busy within 3 seconds, while Bob is served without waiting, for each of these:
      | request                              |
      | listing the conversations            |
      | opening the conversation on the chat |
      | asking a question through the API    |
    When the held connections come free
    And Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice is told her current spend is $15,000 a month

  @slow
  Scenario: While other work holds every connection of the pool, everyone is told the database is busy, and the platform recovers by itself
    Given Alice has a conversation titled "Budget review"
    And she has a chat connection open
    When other work holds every one of the platform's database connections for 4 seconds
    Then Alice is told the database is busy within 3 seconds, for each of these:
      | request                              |
      | listing the conversations            |
      | opening the conversation on the chat |
      | signing in                           |
      | signing up                           |
      | the platform's health                |
    When the held connections come free
    Then the platform reports itself healthy again within 10 seconds
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice is told her current spend is $15,000 a month
