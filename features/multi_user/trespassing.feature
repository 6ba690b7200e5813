@multi-user @MU-03
Feature: Nobody can act on another customer's conversation
  Every operation that names a conversation or a run, over the API or the chat, is refused to
  anyone but its owner, and the owner's conversation and running work carry on untouched.

  Background:
    Given Alice's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    And she has asked the data analyst for a deep analysis of her usage log

  @slow
  Scenario Outline: Bob cannot <act on> Alice's conversation while her analysis runs
    When Bob tries to <act on> Alice's conversation once her analysis is under way
    Then Bob is refused as having no access
    And Alice's analysis completes, and her conversation is as it was

    Examples:
      | act on                             |
      | read                               |
      | read the messages of               |
      | archive                            |
      | read the run of                    |
      | open over the chat                 |
      | resume the run of                  |
      | stop the run of                    |
      | ask a follow-up in                 |
      | ask a follow-up through the API in |

  @slow
  Scenario Outline: Bob cannot <act on> Alice's conversation once her analysis has ended
    When Bob tries to <act on> Alice's conversation once her analysis has ended
    Then Bob is refused as having no access
    And Alice's conversation is as it was

    Examples:
      | act on                             |
      | read                               |
      | read the messages of               |
      | archive                            |
      | read the run of                    |
      | open over the chat                 |
      | resume the run of                  |
      | stop the run of                    |
      | ask a follow-up in                 |
      | ask a follow-up through the API in |
