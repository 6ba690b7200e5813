@realtime @RT-04 @fast
Feature: Ordering of updates
  Each run numbers its updates from 1, one by one. Questions asked one after another on the same
  chat each complete in turn.

  Scenario: Three questions in a row on one chat each complete in order
    Given Alice is signed in
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens 3 times, one after another, on the same chat
    Then each of Alice's runs completed before the next began, numbering its events from 1 without a gap
