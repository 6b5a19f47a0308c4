{ lib }:
{
  expression = lib.literalExpression "pkgs.hello";
  markdown = lib.literalMD "the host's `pkgs`";
}
