@incidents @INC-06 @fault-injection
Feature: Start-up
  A platform that is still starting (its database migrations running, its dependencies not yet
  ready) says so, instead of serving customers half-ready: its readiness check answers that
  start-up is incomplete, and a new chat connection is told the same and closed. Whatever a
  customer sends meanwhile is refused whole, with nothing kept, so nothing is half-done; once the
  platform is ready, the same customer gets in and is served completely.

  @slow
  Scenario: Customers who arrive while the platform is starting are turned away whole, and get in once it is ready
    Given Alice is signed in
    And the platform runs as an instance of its own that stays not ready for 4 seconds after it starts
    When Alice opens a chat connection
    Then Alice's chat connection is refused because the platform is still starting
    And the platform reports that it is still starting
    When Bob tries to sign up with his email address and a password
    Then Bob is refused because the platform is still starting
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens through the API
    Then Alice is refused because the platform is still starting
    And the platform reports itself ready within 10 seconds
    And nothing was kept for Alice: no conversation, no run
    When Bob signs up with his email address and a password
    And he opens a chat connection
    Then Bob is welcomed into the chat as himself
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice is told her current spend is $15,000 a month
    And the answer is kept in Alice's conversation

  @slow
  Scenario: While the platform is still starting for one customer, everyone else carries on, and she gets in once it is ready
    Given Alice is signed in
    And Bob has a chat connection open
    And the platform stays not ready for Alice for 3 seconds
    When Alice opens a chat connection
    Then Alice's chat connection is refused because the platform is still starting
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens through the API
    Then Alice is refused because the platform is still starting
    And Bob's open chat connection still answers
    And Alice keeps trying the chat until she gets in, within 5 seconds
    And nothing was kept for Alice: no conversation, no run
