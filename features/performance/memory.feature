@performance @PERF-05 @load
Feature: Memory stays flat
  Run after run, the platform keeps no more than it needs: after a warm-up, two hundred more
  runs leave its heap, after a full collection, less than 10% bigger.

  Scenario: Two hundred runs after a warm-up leave the heap flat
    Given the platform runs in a process of its own, allowing 1000 messages a minute per customer
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens 20 times to warm the platform up
    And she asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens 200 times, one after another, on the same chat
    Then the platform's memory after a full collection has grown by less than 10%
