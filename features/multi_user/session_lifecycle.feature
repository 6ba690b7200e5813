@multi-user @MU-06 @fast
Feature: A customer's session over time
  A customer asks several questions on one chat, signs out, comes back, and finds every
  conversation intact.

  Scenario: Several questions on one chat, then signing out and in, and the history is intact
    Given Alice is signed in
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens 3 times, one after another, on the same chat
    And she signs out and signs in again
    Then Alice's conversations still hold all 3 questions with their answers
