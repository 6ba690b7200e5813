@auth @AUTH-02 @fast
Feature: Simulated OAuth sign-in for test automation
  End-to-end tests sign customers in through a simulated OAuth sign-in instead of Google.
  It is guarded by a bypass key: the key must be right, and it must be configured at all.

  Scenario: A test signs a customer in with the bypass key
    When Alice is signed in through the simulated OAuth sign-in
    Then the platform confirms that Alice's session is hers
    And Alice's profile shows her email address and that she may read, write and run agents

  Scenario: A simulated sign-in that names nobody makes a fresh account each time, called by its email address
    When Alice is signed in through the simulated OAuth sign-in without giving an email address or a name
    And Bob is signed in through the simulated OAuth sign-in without giving an email address or a name
    Then Alice and Bob have accounts of their own
    And Alice is called by the first part of the email address the platform gave her

  Scenario: A first simulated sign-in that arrives several times at once makes one account
    When Alice's first simulated OAuth sign-in is sent 20 times at once
    Then every one of them lets Alice into the same account

  Scenario: The bypass key opens the simulated sign-in and nothing else
    Then the API refuses Mallory, who carries the bypass key instead of a token
    When Mallory opens a chat connection carrying the bypass key instead of a token
    Then Mallory's chat connection is refused because no token was given

  Scenario: A wrong bypass key is refused
    When Mallory tries the simulated OAuth sign-in with a wrong bypass key
    Then Mallory is refused because the bypass key is wrong

  Scenario: Where no bypass key is configured, the simulated sign-in is off
    Given a platform instance without a bypass key
    When Mallory tries the simulated OAuth sign-in on that instance
    Then Mallory is refused because the simulated sign-in is not configured

  Scenario: A request without any bypass key is refused
    When Mallory tries the simulated OAuth sign-in without a bypass key
    Then Mallory is refused because the bypass key is wrong

  Scenario: In production the simulated sign-in does not exist, even with the right key
    Given a platform instance for production that holds the bypass key
    When Mallory tries the simulated OAuth sign-in on that instance
    Then Mallory is refused because the simulated sign-in does not exist here

  Scenario: In development the bypass key is not honoured
    Given a platform instance for development that holds the bypass key
    When Mallory tries the simulated OAuth sign-in on that instance
    Then Mallory is refused because the simulated sign-in is not configured
