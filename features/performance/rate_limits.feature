@performance @PERF-04 @fast
Feature: Rate limits under a flood
  A customer flooding the chat is refused past the limit, exactly as the contract says, while
  everybody else's answers keep their speed.
  # Latency budgets run in npm run load (@timing): on a busy 2-core machine one stall of the process fails them.

  @timing
  Scenario: A flood is refused past the limit while three other customers keep their latency
    Given the platform runs in a process of its own, allowing 100 messages a minute per customer
    When Mallory floods the chat with 300 messages while Alice, Bob and Carol each ask the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens at the same moment
    Then Mallory is answered up to 100 messages in the minute, and every message after that is refused as too many
    And the customers' load figures are in the report
    And every one of the customers' runs completed
    And the customers' first updates arrived within 100 ms at the 95th percentile

  @redis
  Scenario: The limit is the customer's, across every connection on every instance
    Given a second instance of the platform sharing the same stores
    And Alice has a chat connection open on each instance
    When Alice sends 60 messages on each of her chat connections at once
    Then Alice is answered 100 times in all, and refused as too many 20 times
