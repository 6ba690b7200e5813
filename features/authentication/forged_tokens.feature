@auth @AUTH-07 @fast
Feature: Forged and misused tokens are refused
  Only tokens the auth service issued, unaltered, for this platform, of the right kind and still
  valid, open anything: the API and the chat alike.

  Scenario Outline: A token that is <bad token> is refused everywhere
    Given Mallory presents a token that is <bad token>
    Then the API refuses Mallory's token
    And Mallory cannot open a chat connection because the token <verdict>

    Examples:
      | bad token                          | verdict     |
      | signed with another secret         | is invalid  |
      | alg none                           | is invalid  |
      | payload tampered after signing     | is invalid  |
      | wrong audience                     | is invalid  |
      | wrong issuer                       | is invalid  |
      | refresh token used as access token | is invalid  |
      | expired                            | has expired |
