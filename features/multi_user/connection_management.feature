@multi-user @MU-05 @fast
Feature: Several connections per customer
  Customers keep the chat open in more than one place; every connection stays alive and gets
  every update of its owner's runs, and nothing of anyone else's.

  Scenario: Five customers with two connections each
    Given Alice, Bob, Carol, Dave and Erin each have 2 chat connections open
    Then every chat connection of Alice, Bob, Carol, Dave and Erin answers a ping
    When Alice, Bob, Carol, Dave and Erin each ask the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens at the same moment
    Then every chat connection of Alice, Bob, Carol, Dave and Erin receives every event of that person's run, and nothing of anyone else's
