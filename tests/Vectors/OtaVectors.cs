namespace EnergyLogger.Vectors
{
    /// <summary>
    /// Published test vectors for the update verifier: SHA-256 (FIPS 180-4) and ECDSA P-256 with SHA-256.
    /// Bytes are hex text so that long vectors stay readable; <see cref="Bytes"/> decodes them on both runtimes.
    /// Sources, per table:
    ///  - SHA-256: NIST FIPS 180-4 example values (csrc.nist.gov "SHA256.pdf" examples: "abc", the 448-bit
    ///    message, one million 'a'); the empty message from NIST CAVS SHA256ShortMsg.rsp (Len = 0); the 896-bit
    ///    message from the NIST SHA-2 example set; the padding-boundary lengths (55, 56, 63, 64, 119, 120 bytes)
    ///    were computed with Python's hashlib (OpenSSL) and are checked against .NET's SHA256 by the host suite.
    ///  - ECDSA: RFC 6979 A.2.5 (key and the "sample"/"test" signatures); NIST CAVP 186-3 SigVer.rsp
    ///    [P-256,SHA-256] (the reason NIST gives for each failure is in the name); Project Wycheproof
    ///    testvectors/ecdsa_secp256r1_sha256_p1363_test.json (C2SP/wycheproof, by tcId). Rows named "RFC 6979 ..."
    ///    with a change are derived from the RFC key as the name says (n - s, swapped r and s, r = -e/d mod n);
    ///    rows named "Derived" are signed with the RFC's k by the private key 1 or n - 1 (Q = G and Q = -G).
    ///    Every ECDSA row was cross-checked with an independent big-integer implementation, and the host suite
    ///    checks each one against .NET's ECDsa as well.
    /// </summary>
    public static class OtaVectors
    {
        public static readonly string[] Sha256Names =
        {
            "empty message (CAVS SHA256ShortMsg Len = 0)",
            "FIPS 180-4 example \"abc\"",
            "FIPS 180-4 example, 448-bit message",
            "NIST example, 896-bit message",
            "FIPS 180-4 example, one million 'a'",
            "55 'a': the longest message that pads into one block",
            "56 'a': the length no longer fits, padding spills into a second block",
            "63 'a'",
            "64 'a': exactly one block",
            "119 'a'",
            "120 'a'",
        };

        /// <summary>The message is this ASCII text repeated <see cref="Sha256Repeat"/> times.</summary>
        public static readonly string[] Sha256Text =
        {
            "",
            "abc",
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "a",
            "a",
            "a",
            "a",
            "a",
            "a",
            "a",
        };

        public static readonly int[] Sha256Repeat = { 1, 1, 1, 1, 1000000, 55, 56, 63, 64, 119, 120 };

        public static readonly string[] Sha256Digest =
        {
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
            "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
            "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
            "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
            "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
            "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb",
            "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c",
        };

        public static readonly string[] EcdsaNames =
        {
            "RFC 6979 A.2.5, P-256 SHA-256, message \"sample\"",
            "RFC 6979 A.2.5, P-256 SHA-256, message \"test\"",
            "RFC 6979 \"sample\" with s replaced by n - s (high/low-s twin; accepted by design)",
            "RFC 6979 \"sample\" signature over the message \"test\"",
            "RFC 6979 \"sample\" with r and s swapped",
            "Derived: private key 1 (Q = G, so G + Q needs doubling), message \"sample\", k of RFC 6979 \"sample\"",
            "Derived: private key n - 1 (Q = -G, so G + Q is infinity), message \"sample\", k of RFC 6979 \"sample\"",
            "RFC 6979 key, message \"sample\", r = -e/d mod n so that u1*G + u2*Q is the point at infinity",
            "NIST CAVP SigVer [P-256,SHA-256]: s changed",
            "NIST CAVP SigVer [P-256,SHA-256]: r changed",
            "NIST CAVP SigVer [P-256,SHA-256]: q changed",
            "NIST CAVP SigVer [P-256,SHA-256]: valid",
            "NIST CAVP SigVer [P-256,SHA-256]: valid",
            "NIST CAVP SigVer [P-256,SHA-256]: message changed",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 1: signature malleability",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 3: modified r (order added or subtracted)",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 5: modified r (order added or subtracted)",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 8: modified s (order added or subtracted)",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 9: r = 0, s = 0",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 10: r = 0, s = 1",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 11: r = 0, s = n",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 16: r = 1, s = 0",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 17: r = 1, s = 1",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 18: r = 1, s = n",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 23: r = n, s = 0",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 24: r = n, s = 1",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 25: r = n, s = n",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 33: r = n - 1, s = n - 1",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 113: k*G has a large x-coordinate (x1 = r + n)",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 114: r too large (r = x1, not reduced mod n)",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 115: r and s are large",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 116: r and s^-1 have a large Hamming weight",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 118: small r and s",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 124: small r and s",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 126: r is larger than n",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 127: s is larger than n",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 180: extreme value for k and edge-case s",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 186: point duplication (Q = G)",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 188: point duplication (Q = -G)",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 189: point duplication (Q = -G)",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 190: pseudorandom signature, empty message",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 191: pseudorandom signature",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 193: pseudorandom signature, 20 zero bytes",
            "Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 206: x-coordinate of the public key is large",
        };

        /// <summary>The signer's public key, uncompressed SEC 1 (04 || X || Y).</summary>
        public static readonly string[] EcdsaKey =
        {
            "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d44622" +
                "99",
            "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d44622" +
                "99",
            "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d44622" +
                "99",
            "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d44622" +
                "99",
            "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d44622" +
                "99",
            "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51" +
                "f5",
            "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296b01cbd1c01e58065711814b583f061e9d431cca994cea1313449bf97c840ae" +
                "0a",
            "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d44622" +
                "99",
            "0487f8f2b218f49845f6f10eec3877136269f5c1a54736dbdf69f89940cad41555e15f369036f49842fac7a86c8a2b0557609776814448b8f5e84aa9f4395205" +
                "e9",
            "045cf02a00d205bdfee2016f7421807fc38ae69e6b7ccd064ee689fc1a94a9f7d2ec530ce3cc5c9d1af463f264d685afe2b4db4b5828d7e61b748930f3ce622a" +
                "85",
            "042ddfd145767883ffbb0ac003ab4a44346d08fa2570b3120dcce94562422244cb5f70c7d11ac2b7a435ccfbbae02c3df1ea6b532cc0e9db74f93fffca7c6f9a" +
                "64",
            "04e424dc61d4bb3cb7ef4344a7f8957a0c5134e16f7a67c074f82e6e12f49abf3c970eed7aa2bc48651545949de1dddaf0127e5965ac85d1243d6f60e7dfaee9" +
                "27",
            "04e0fc6a6f50e1c57475673ee54e3a57f9a49f3328e743bf52f335e3eeaa3d28647f59d689c91e463607d9194d99faf316e25432870816dde63f5d4b373f12f2" +
                "2a",
            "0469b7667056e1e11d6caf6e45643f8b21e7a4bebda463c7fdbc13bc98efbd0214d3f9b12eb46c7c6fda0da3fc85bc1fd831557f9abc902a3be3cb3e8be7d1aa" +
                "2f",
            "042927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e734151" +
                "3e",
            "042927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e734151" +
                "3e",
            "042927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e734151" +
                "3e",
            "042927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e734151" +
                "3e",
            "042927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e734151" +
                "3e",
            "042927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e734151" +
                "3e",
            "042927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e734151" +
                "3e",
            "042927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e734151" +
                "3e",
            "042927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e734151" +
                "3e",
            "042927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e734151" +
                "3e",
            "042927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e734151" +
                "3e",
            "042927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e734151" +
                "3e",
            "042927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e734151" +
                "3e",
            "042927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e734151" +
                "3e",
            "040ad99500288d466940031d72a9f5445a4d43784640855bf0a69874d2de5fe103c5011e6ef2c42dcd50d5d3d29f99ae6eba2c80c9244f4c5422f0979ff0c3ba" +
                "5e",
            "040ad99500288d466940031d72a9f5445a4d43784640855bf0a69874d2de5fe103c5011e6ef2c42dcd50d5d3d29f99ae6eba2c80c9244f4c5422f0979ff0c3ba" +
                "5e",
            "04ab05fd9d0de26b9ce6f4819652d9fc69193d0aa398f0fba8013e09c58220455419235271228c786759095d12b75af0692dd4103f19f6a8c32f49435a1e9b8d" +
                "45",
            "0480984f39a1ff38a86a68aa4201b6be5dfbfecf876219710b07badf6fdd4c6c5611feb97390d9826e7a06dfb41871c940d74415ed3cac2089f1445019bb55ed" +
                "95",
            "04a71af64de5126a4a4e02b7922d66ce9415ce88a4c9d25514d91082c8725ac9575d47723c8fbe580bb369fec9c2665d8e30a435b9932645482e7c9f11e87229" +
                "6b",
            "04cbe0c29132cd738364fedd603152990c048e5e2fff996d883fa6caca7978c73770af6a8ce44cb41224b2603606f4c04d188e80bff7cc31ad5189d4ab0d70e8" +
                "c1",
            "04cbe0c29132cd738364fedd603152990c048e5e2fff996d883fa6caca7978c73770af6a8ce44cb41224b2603606f4c04d188e80bff7cc31ad5189d4ab0d70e8" +
                "c1",
            "044be4178097002f0deab68f0d9a130e0ed33a6795d02a20796db83444b037e13920f13051e0eecdcfce4dacea0f50d1f247caa669f193c1b4075b51ae296d2d" +
                "56",
            "045e59f50708646be8a589355014308e60b668fb670196206c41e748e64e4dca215de37fee5c97bcaf7144d5b459982f52eeeafbdf03aacbafef38e213624a01" +
                "de",
            "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51" +
                "f5",
            "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296b01cbd1c01e58065711814b583f061e9d431cca994cea1313449bf97c840ae" +
                "0a",
            "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296b01cbd1c01e58065711814b583f061e9d431cca994cea1313449bf97c840ae" +
                "0a",
            "0404aaec73635726f213fb8a9e64da3b8632e41495a944d0045b522eba7240fad587d9315798aaa3a5ba01775787ced05eaaf7b4e09fc81d6d1aa546e8365d52" +
                "5d",
            "0404aaec73635726f213fb8a9e64da3b8632e41495a944d0045b522eba7240fad587d9315798aaa3a5ba01775787ced05eaaf7b4e09fc81d6d1aa546e8365d52" +
                "5d",
            "0404aaec73635726f213fb8a9e64da3b8632e41495a944d0045b522eba7240fad587d9315798aaa3a5ba01775787ced05eaaf7b4e09fc81d6d1aa546e8365d52" +
                "5d",
            "04fffffff948081e6a0458dd8f9e738f2665ff9059ad6aac0708318c4ca9a7a4f55a8abcba2dda8474311ee54149b973cae0c0fb89557ad0bf78e6529a1663bd" +
                "73",
        };

        /// <summary>The signed message (hashed with SHA-256 before verification).</summary>
        public static readonly string[] EcdsaMessage =
        {
            "73616d706c65",
            "74657374",
            "73616d706c65",
            "74657374",
            "73616d706c65",
            "73616d706c65",
            "73616d706c65",
            "73616d706c65",
            "e4796db5f785f207aa30d311693b3702821dff1168fd2e04c0836825aefd850d9aa60326d88cde1a23c7745351392ca2288d632c264f197d05cd424a30336c19" +
                "fd09bb229654f0222fcb881a4b35c290a093ac159ce13409111ff0358411133c24f5b8e2090d6db6558afc36f06ca1f6ef779785adba68db27a409859fc4c4a0",
            "069a6e6b93dfee6df6ef6997cd80dd2182c36653cef10c655d524585655462d683877f95ecc6d6c81623d8fac4e900ed0019964094e7de91f1481989ae187300" +
                "4565789cbf5dc56c62aedc63f62f3b894c9c6f7788c8ecaadc9bd0e81ad91b2b3569ea12260e93924fdddd3972af5273198f5efda0746219475017557616170e",
            "df04a346cf4d0e331a6db78cca2d456d31b0a000aa51441defdb97bbeb20b94d8d746429a393ba88840d661615e07def615a342abedfa4ce912e562af7149598" +
                "96858af817317a840dcff85a057bb91a3c2bf90105500362754a6dd321cdd86128cfc5f04667b57aa78c112411e42da304f1012d48cd6a7052d7de44ebcc01de",
            "e1130af6a38ccb412a9c8d13e15dbfc9e69a16385af3c3f1e5da954fd5e7c45fd75e2b8c36699228e92840c0562fbf3772f07e17f1add56588dd45f7450e1217" +
                "ad239922dd9c32695dc71ff2424ca0dec1321aa47064a044b7fe3c2b97d03ce470a592304c5ef21eed9f93da56bb232d1eeb0035f9bf0dfafdcc4606272b20a3",
            "73c5f6a67456ae48209b5f85d1e7de7758bf235300c6ae2bdceb1dcb27a7730fb68c950b7fcada0ecc4661d3578230f225a875e69aaa17f1e71c6be5c831f226" +
                "63bac63d0c7a9635edb0043ff8c6f26470f02a7bc56556f1437f06dfa27b487a6c4290d8bad38d4879b334e341ba092dde4e4ae694a9c09302e2dbf443581c08",
            "1669bfb657fdc62c3ddd63269787fc1c969f1850fb04c933dda063ef74a56ce13e3a649700820f0061efabf849a85d474326c8a541d99830eea8131eaea584f2" +
                "2d88c353965dabcdc4bf6b55949fd529507dfb803ab6b480cd73ca0ba00ca19c438849e2cea262a1c57d8f81cd257fb58e19dec7904da97d8386e87b84948169",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "313233343030",
            "",
            "4d7367",
            "0000000000000000000000000000000000000000",
            "4d657373616765",
        };

        /// <summary>r || s, 32 bytes each (IEEE P1363).</summary>
        public static readonly string[] EcdsaSignature =
        {
            "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8",
            "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083",
            "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf37160834e36ad29a83bf2bc9385e491d6099c8fdf9d1ed67aa7ea5f51f93782857a9",
            "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8",
            "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716",
            "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf37165f0571a78c59034c7a1fb83e39d650a5d6ed029c8611481a4a9b349096b99b4d",
            "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf37164ed04395680abed0a520ecfa8fb257893eb0db0d3e915dbae396a11e01fa743b",
            "28815b9a52dcc43d91fe0e07a91bb000f5f475306723ba5e6392aee8be90ee9cf7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8",
            "d19ff48b324915576416097d2544f7cbdf8768b1454ad20e0baac50e211f23b0a3e81e59311cdfff2d4784949f7a2cb50ba6c3a91fa54710568e61aca3e847c6",
            "dc23d130c6117fb5751201455e99f36f59aba1a6a21cf2d0e7481a97451d6693d6ce7708c18dbf35d4f8aa7240922dc6823f2e7058cbc1484fcad1599db5018c",
            "9913111cff6f20c5bf453a99cd2c2019a4e749a49724a08774d14e4c113edda89467cd4cd21ecb56b0cab0a9a453b43386845459127a952421f5c6382866c5cc",
            "bf96b99aa49c705c910be33142017c642ff540c76349b9dab72f981fd9347f4f17c55095819089c2e03b9cd415abdf12444e323075d98f31920b9e0f57ec871c",
            "1d75830cd36f4c9aa181b2c4221e87f176b7f05b7c87824e82e396c88315c407cb2acb01dac96efc53a32d4a0d85d0c2e48955214783ecf50a4f0414a319c05a",
            "288f7a1cd391842cce21f00e6f15471c04dc182fe4b14d92dc18910879799790247b3c4e89a3bcadfea73c7bfd361def43715fa382b8c3edf4ae15d6e55e9979",
            "2ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e184cd60b855d442f5b3c7b11eb6c4e0ae7525fe710fab9aa7c77a67f79e6fadd76",
            "d45c5740946b2a147f59262ee6f5bc90bd01ed280528b62b3aed5fc93f06f739b329f479a2bbd0a5c384ee1493b1f5186a87139cac5df4087c134b49156847db",
            "d45c5741946b2a137f59262ee6f5bc91001af27a5e1117a64733950642a3d1e8b329f479a2bbd0a5c384ee1493b1f5186a87139cac5df4087c134b49156847db",
            "2ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e184cd60b865d442f5a3c7b11eb6c4e0ae79578ec6353a20bf783ecb4b6ea97b825",
            "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
            "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001",
            "0000000000000000000000000000000000000000000000000000000000000000ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
            "00000000000000000000000000000000000000000000000000000000000000010000000000000000000000000000000000000000000000000000000000000000",
            "00000000000000000000000000000000000000000000000000000000000000010000000000000000000000000000000000000000000000000000000000000001",
            "0000000000000000000000000000000000000000000000000000000000000001ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc6325510000000000000000000000000000000000000000000000000000000000000000",
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc6325510000000000000000000000000000000000000000000000000000000000000001",
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550",
            "000000000000000000000000000000004319055358e8617b0c46353d039cdaabffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc63254e",
            "ffffffff00000001000000000000000000000000fffffffffffffffffffffffcffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc63254e",
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc63254fffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc63254e",
            "7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd909135bdb6799286170f5ead2de4f6511453fe50914f3df2de54a36383df8dd4",
            "00000000000000000000000000000000000000000000000000000000000000050000000000000000000000000000000000000000000000000000000000000001",
            "00000000000000000000000000000000000000000000000000000000000000050000000000000000000000000000000000000000000000000000000000000006",
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc6325560000000000000000000000000000000000000000000000000000000000000006",
            "0000000000000000000000000000000000000000000000000000000000000005ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc75fbd8",
            "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296555555550000000055555555555555553ef7a8e48d07df81a693439654210c70",
            "bb5a52f42f9c9261ed4361f59422a1e30036e7c32b270c8807a419feca605023249249246db6db6ddb6db6db6db6db6dad4591868595a8ee6bf5f864ff7be0c2",
            "bb5a52f42f9c9261ed4361f59422a1e30036e7c32b270c8807a419feca605023249249246db6db6ddb6db6db6db6db6dad4591868595a8ee6bf5f864ff7be0c2",
            "44a5ad0ad0636d9f12bc9e0a6bdd5e1cbcb012ea7bf091fcec15b0c43202d52e249249246db6db6ddb6db6db6db6db6dad4591868595a8ee6bf5f864ff7be0c2",
            "b292a619339f6e567a305c951c0dcbcc42d16e47f219f9e98e76e09d8770b34a0177e60492c5a8242f76f07bfe3661bde59ec2a17ce5bd2dab2abebdf89a62e2",
            "530bd6b0c9af2d69ba897f6b5fb59695cfbf33afe66dbadcf5b8d2a2a6538e23d85e489cb7a161fd55ededcedbf4cc0c0987e3e3f0f242cae934c72caa3f43e9",
            "986e65933ef2ed4ee5aada139f52b70539aaf63f00a91f29c69178490d57fb713dafedfb8da6189d372308cbf1489bbbdabf0c0217d1c0ff0f701aaa7a694b9c",
            "766456dce1857c906f9996af729339464d27e9d98edc2d0e3b760297067421f6402385ecadae0d8081dccaf5d19037ec4e55376eced699e93646bfbbf19d0b41",
        };

        public static readonly bool[] EcdsaValid =
        {
            true, true, true, false, false, true, true, false,
            false, false, false, true, true, false, true, false,
            false, false, false, false, false, false, false, false,
            false, false, false, false, true, false, true, true,
            true, true, false, false, true, false, false, false,
            true, true, true, true,
        };

        /// <summary>Public keys the verifier must refuse, with the name of the SignatureCheck it must give.</summary>
        public static readonly string[] BadKeyNames =
        {
            "RFC 6979 key with y + 1: not on the curve",
            "(0, 0): not on the curve (b is not 0)",
            "point at infinity, SEC 1 2.3.3 single zero octet",
            "compressed form 02 || X",
            "hybrid form 06 || X || Y",
            "raw X || Y without the 04 prefix",
            "x = p",
        };

        public static readonly string[] BadKey =
        {
            "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d44622" +
                "9a",
            "04000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" +
                "00",
            "00",
            "0260fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6",
            "0660fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d44622" +
                "99",
            "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299",
            "04ffffffff00000001000000000000000000000000ffffffffffffffffffffffff7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d44622" +
                "99",
        };

        /// <summary>True where the key is well formed but off the curve (KeyNotOnCurve), false where it is malformed.</summary>
        public static readonly bool[] BadKeyOffCurve = { true, true, false, false, false, false, false };

        /// <summary>Decodes hex text (upper or lower case) into bytes.</summary>
        public static byte[] Bytes(string hex)
        {
            byte[] bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)((Nibble(hex[2 * i]) << 4) | Nibble(hex[(2 * i) + 1]));
            }

            return bytes;
        }

        private static int Nibble(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            return (c | 0x20) - 'a' + 10;
        }
    }
}
