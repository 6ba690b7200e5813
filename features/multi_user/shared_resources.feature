@multi-user @MU-04 @fast
Feature: Shared resources under several customers
  Several customers each asking several questions at once share the platform; every question
  gets its own complete answer.

  Scenario: Four customers each ask three questions at the same moment
    When Alice, Bob, Carol and Dave each ask the cost optimizer 3 questions about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens at the same moment
    Then Alice, Bob, Carol and Dave's runs all complete, and overlapped in time
    And each of Alice, Bob, Carol and Dave received only their own runs, and nothing of anyone else
